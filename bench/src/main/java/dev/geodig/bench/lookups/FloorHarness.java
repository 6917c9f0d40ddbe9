package dev.geodig.bench.lookups;

import dev.geodig.contract.Streams;
import dev.geodig.testkit.RedisServer;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Variant (c), the floor: exactly the Redis commands and DNS queries one lookup needs, with no service
 * in between. One {@code XADD} to {@code dns:tasks}; per location, as its worker would: the group's
 * {@code XREADGROUP}, the five record types asked of the location's DNS server, one {@code XADD} to
 * {@code dns:results}, the task's {@code XACK}; then one {@code XREAD} of the results. Locations run
 * concurrently, and each location's queries too, on virtual threads as the worker's are. The payloads
 * are a real task and real results ({@link FloorPayloads}), encoded once: no JSON work per lookup.
 *
 * <p>Redis is its own ({@code redis-server}, as testkit starts it): on variant (a)'s, (a)'s idle workers
 * would read the floor's tasks from {@code dns:tasks}. The DNS is variant (a)'s demo resolver, asked with
 * each location's client subnet as (a)'s workers ask it, so it answers from the same per-subnet cache;
 * (a) is idle while the floor runs.
 */
final class FloorHarness implements AutoCloseable {

    /** The services' default stream bound ({@code MAXLEN ~ 10000}), so Redis trims as it does for them. */
    private static final XAddArgs BOUNDED = XAddArgs.Builder.maxlen(10_000).approximateTrimming();
    private static final String CONSUMER = "floor";

    private final RedisServer redis;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> orchestrator;
    private final Map<String, StatefulRedisConnection<String, String>> workers = new LinkedHashMap<>();
    private final FloorPayloads payloads;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private FloorHarness(RedisServer redis, Map<String, LocationResolver> dnsByLocation) {
        this.redis = redis;
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(Duration.ofSeconds(5));
        this.client = RedisClient.create(uri);
        // One connection for the orchestrator's side and one per location, as the topology has.
        this.orchestrator = client.connect();
        for (String location : dnsByLocation.keySet()) {
            workers.put(location, client.connect());
            orchestrator.sync().xgroupCreate(StreamOffset.from(Streams.TASKS, "$"), Streams.workerGroup(location),
                    XGroupCreateArgs.Builder.mkstream());
        }
        this.payloads = FloorPayloads.ask(dnsByLocation);
    }

    /** @param dnsByLocation each location's resolver and client subnet, in the topology's order */
    static FloorHarness start(Path workDir, Map<String, LocationResolver> dnsByLocation) {
        RedisServer redis = RedisServer.start(workDir.resolve("floor-redis"));
        try {
            return new FloorHarness(redis, dnsByLocation);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** The floor's {@code redis-server}, by its own account ({@code INFO server}). */
    int redisPid() {
        return Integer.parseInt(infoField("server", "process_id"));
    }

    String redisVersion() {
        return infoField("server", "redis_version");
    }

    /** One lookup's commands and queries; true when every one was answered as it would be in the pipeline. */
    boolean lookupOnce() throws InterruptedException {
        orchestrator.sync().xadd(Streams.TASKS, BOUNDED, payloads.task());
        List<Future<LocationOutcome>> perLocation = new ArrayList<>();
        for (String location : workers.keySet()) {
            perLocation.add(threads.submit(() -> work(location)));
        }
        boolean answered = true;
        String firstResult = null;
        for (Future<LocationOutcome> future : perLocation) {
            LocationOutcome outcome = join(future);
            answered &= outcome.answered();
            firstResult = firstResult == null || StreamIds.compare(outcome.resultId(), firstResult) < 0 ? outcome.resultId() : firstResult;
        }
        // The reader's one XREAD, from just before the first of this lookup's results.
        List<StreamMessage<String, String>> read = orchestrator.sync().xread(XReadArgs.Builder.count(workers.size()),
                StreamOffset.from(Streams.RESULTS, StreamIds.before(firstResult)));
        return answered && !read.isEmpty();
    }

    /** @param resultId the id of the result this location added; answered: its task was read and every query answered */
    private record LocationOutcome(String resultId, boolean answered) {
    }

    private LocationOutcome work(String location) throws InterruptedException {
        var redisCommands = workers.get(location).sync();
        String group = Streams.workerGroup(location);
        List<StreamMessage<String, String>> tasks = redisCommands.xreadgroup(Consumer.from(group, CONSUMER),
                XReadArgs.Builder.count(1), StreamOffset.lastConsumed(Streams.TASKS));
        boolean answered = !tasks.isEmpty() && payloads.askAll(location, threads);
        String resultId = redisCommands.xadd(Streams.RESULTS, BOUNDED, payloads.result(location));
        if (!tasks.isEmpty()) {
            redisCommands.xack(Streams.TASKS, group, tasks.getFirst().getId());
        }
        return new LocationOutcome(resultId, answered);
    }

    private static LocationOutcome join(Future<LocationOutcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new LocationOutcome("0-0", false);
        }
    }

    private String infoField(String section, String field) {
        for (String line : orchestrator.sync().info(section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        throw new IllegalStateException("no " + field + " in INFO " + section);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        workers.values().forEach(StatefulRedisConnection::close);
        orchestrator.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        redis.close();
    }
}
