package dev.geodig.orchestrator;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.Streams;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's side of the wire, played by a test: real {@link DnsResult} messages, encoded with the
 * contract's codec, written to the real {@code dns:results} stream. (Real workers join in the
 * {@code it} module.)
 */
public final class WorkerSide implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public WorkerSide(String redisUrl) {
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        this.connection = client.connect();
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    public static DnsResult result(String traceId, String location) {
        RecordLookup a = new RecordLookup(Rcode.NOERROR,
                List.of(new RecordLookup.Answer("192.0.2.1", 300)), 3, null);
        return new DnsResult(traceId, traceId, location, "www.geodig.test", LocationStatus.SUCCESS, Map.of("A", a), 7, null);
    }

    /** @return the entry id */
    public String publish(DnsResult result) {
        return redis().xadd(Streams.RESULTS, MessageCodec.encode(result));
    }

    public String publishResult(String traceId, String location) {
        return publish(result(traceId, location));
    }

    /**
     * In the background, waits (bounded) for the next task in {@code dns:tasks} after {@code afterId}
     * and answers it for each of {@code locations} that the task asks for.
     *
     * @return the task that was answered
     */
    public CompletableFuture<DnsTask> answerNextTask(String afterId, List<String> locations) {
        CompletableFuture<DnsTask> answered = new CompletableFuture<>();
        Thread.ofVirtual().name("worker-side").start(() -> {
            try {
                answered.complete(answer(afterId, locations));
            } catch (Throwable e) {
                answered.completeExceptionally(e);
            }
        });
        return answered;
    }

    private DnsTask answer(String afterId, List<String> locations) {
        // A connection of its own: the blocking read would stall the shared one.
        try (StatefulRedisConnection<String, String> reading = client.connect()) {
            Instant giveUp = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(giveUp)) {
                List<StreamMessage<String, String>> read = reading.sync().xread(
                        XReadArgs.Builder.block(Duration.ofMillis(200)).count(1),
                        XReadArgs.StreamOffset.from(Streams.TASKS, afterId));
                if (!read.isEmpty()) {
                    DnsTask task = MessageCodec.decodeTask(read.getFirst().getBody());
                    locations.stream().filter(task::isFor).forEach(location -> publishResult(task.traceId(), location));
                    return task;
                }
            }
            throw new IllegalStateException("no task in " + Streams.TASKS + " within 10 s");
        }
    }

    /** The id of the newest entry of {@code stream}, or {@code 0-0}. */
    public String lastId(String stream) {
        List<StreamMessage<String, String>> newest = redis().xrevrange(stream, Range.unbounded(), Limit.create(0, 1));
        return newest.isEmpty() ? "0-0" : newest.getFirst().getId();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
