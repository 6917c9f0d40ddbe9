package dev.geodig.orchestrator.results;

import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.streams.RetryingLoop;
import dev.geodig.telemetry.UntracedPolling;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread following {@code dns:results} with blocking {@code XREAD} from the last id it saw (no consumer
 * group), handing every entry to {@link SharedResultReader}. Where it starts, how it retries and resumes
 * after a Redis error: docs/results-gathering.md.
 *
 * <p>Resuming from the last id holds after Redis restarts empty too: a blocking XREAD on a missing stream
 * waits for it, and the new entries' ids come from Redis's clock, so they all follow the last id seen.
 */
final class ResultStreamFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResultStreamFollower.class);

    /** Bounds how long {@link #close()} can take: the blocking read returns at least this often. */
    static final Duration BLOCK = Duration.ofSeconds(1);
    static final int BATCH = 256;
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = BLOCK.plusSeconds(3);

    private final RedisConnections connections;
    private final Consumer<StreamMessage<String, String>> onEntry;
    private final RetryingLoop loop;
    private final AtomicReference<StatefulRedisConnection<String, String>> readerConnection = new AtomicReference<>();
    private volatile String lastSeenId;

    ResultStreamFollower(RedisConnections connections, Consumer<StreamMessage<String, String>> onEntry) {
        this.connections = connections;
        this.onEntry = onEntry;
        this.loop = new RetryingLoop("the results reader", MIN_BACKOFF, connections.reconnectDelayMax());
    }

    /** Positions the reader (if Redis is reachable now; else the reader thread keeps trying) and starts it. */
    void start() {
        // Untraced like the polls: connecting and positioning are the reader's housekeeping, not a request.
        try (Scope untraced = UntracedPolling.enter();
                StatefulRedisConnection<String, String> connection = connections.dedicated(Duration.ZERO)) {
            position(connection.sync());
        } catch (RedisException e) {
            log.warn("Redis unreachable at startup ({}); the results reader will keep trying", e.getMessage());
        }
        loop.start("dns-results-reader", this::readOnce);
    }

    /** Whether it knows where to start: a result published before would be missed. */
    boolean positioned() {
        return lastSeenId != null;
    }

    boolean alive() {
        return loop.alive();
    }

    /**
     * One step of the loop: (re)connect and position if needed, read a batch, hand it out. A failed step drops the
     * connection, so the next one starts on a fresh one from the last id seen; {@link RetryingLoop} pauses between.
     */
    private void readOnce() {
        try {
            StatefulRedisConnection<String, String> connection = readerConnection.get();
            RedisCommands<String, String> redis = connection == null ? connectUntraced() : connection.sync();
            if (loop.stopping()) {
                return;
            }
            for (StreamMessage<String, String> entry : readBatch(redis)) {
                lastSeenId = entry.getId();
                onEntry.accept(entry);
            }
        } catch (RuntimeException e) {
            closeReaderConnection();
            throw e;
        }
    }

    /** A fresh reader connection, positioned; its handshake commands must not become root traces either. */
    private RedisCommands<String, String> connectUntraced() {
        try (Scope untraced = UntracedPolling.enter()) {
            StatefulRedisConnection<String, String> connection = connections.dedicated(BLOCK);
            readerConnection.set(connection);
            RedisCommands<String, String> redis = connection.sync();
            if (lastSeenId == null) {
                position(redis);
            }
            return redis;
        }
    }

    /** Whoever takes the connection out (the reader after a failure, or {@link #close()}) closes it, once. */
    private void closeReaderConnection() {
        StatefulRedisConnection<String, String> connection = readerConnection.getAndSet(null);
        if (connection != null) {
            connection.closeAsync();
        }
    }

    private List<StreamMessage<String, String>> readBatch(RedisCommands<String, String> redis) {
        // Untraced (ADR 0002); the results are handled after, outside it.
        return UntracedPolling.call(() -> redis.xread(XReadArgs.Builder.block(BLOCK).count(BATCH),
                XReadArgs.StreamOffset.from(Streams.RESULTS, lastSeenId)));
    }

    /** Starts after the newest entry now in the stream (what {@code $} means), or at the start if empty. */
    private void position(RedisCommands<String, String> redis) {
        List<StreamMessage<String, String>> newest = redis.xrevrange(Streams.RESULTS, Range.unbounded(), Limit.create(0, 1));
        lastSeenId = newest.isEmpty() ? "0-0" : newest.getFirst().getId();
        log.info("results reader starts after {} in {}", lastSeenId, Streams.RESULTS);
    }

    /** Stops the reader: closing its connection ends a blocking read at once rather than after BLOCK. */
    @Override
    public void close() {
        loop.requestStop();
        closeReaderConnection();
        try {
            loop.awaitStop(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A connection the reader opened while it was being stopped.
        closeReaderConnection();
    }
}
