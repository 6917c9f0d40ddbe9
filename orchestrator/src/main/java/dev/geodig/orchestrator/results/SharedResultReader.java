package dev.geodig.orchestrator.results;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.orchestrator.telemetry.LookupMetrics.IgnoredResult;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers results with ONE reader per orchestrator instance: a thread doing blocking {@code XREAD}
 * on {@code dns:results} (no consumer group, so every instance reads every entry and each finds its
 * own; nothing to acknowledge, no group to create or destroy) and handing each result to the lookup
 * waiting for its trace id. A result nobody here waits for is dropped.
 *
 * <p>The reader starts after the last entry present when it first reaches Redis ({@code $} at
 * startup) and then follows the ids it has seen, so a reconnect after a Redis error resumes where it
 * stopped instead of skipping what arrived meanwhile. That holds after Redis restarts empty too: the
 * stream is gone, but a blocking XREAD on a missing stream waits for it, and the ids of the new entries
 * are taken from Redis's clock, so they are all after the last id seen before the restart.
 *
 * <p>While Redis is away the reader tries again on a fresh connection after pauses growing to at most
 * the connections' reconnect delay (a second by default, {@link RetryingLoop}), so it is reading again
 * within about that once Redis is back.
 */
public final class SharedResultReader implements ResultCollector {

    private static final Logger log = LoggerFactory.getLogger(SharedResultReader.class);

    /** Bounds how long {@link #close()} can take: the blocking read returns at least this often. */
    static final Duration BLOCK = Duration.ofSeconds(1);
    static final int BATCH = 256;
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = BLOCK.plusSeconds(3);

    private final RedisConnections connections;
    private final LookupMetrics metrics;
    private final RetryingLoop loop;
    private final Map<String, PendingLookup> waiting = new ConcurrentHashMap<>();
    private volatile String lastSeenId;
    private final AtomicReference<StatefulRedisConnection<String, String>> readerConnection = new AtomicReference<>();

    public SharedResultReader(RedisConnections connections, LookupMetrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
        this.loop = new RetryingLoop("the results reader", MIN_BACKOFF, connections.reconnectDelayMax());
    }

    /**
     * Positions the reader (if Redis is reachable now; else the reader thread keeps trying) and
     * starts it. Positioning here, before the web server accepts requests, means no request can
     * publish before the reader knows where to start.
     */
    public SharedResultReader start() {
        // Untraced like the polls: connecting and positioning are the reader's housekeeping, not a request.
        try (Scope untraced = UntracedPolling.enter();
                StatefulRedisConnection<String, String> connection = connections.dedicated(Duration.ZERO)) {
            position(connection.sync());
        } catch (RedisException e) {
            log.warn("Redis unreachable at startup ({}); the results reader will keep trying", e.getMessage());
        }
        loop.start("dns-results-reader", this::readOnce);
        return this;
    }

    @Override
    public ResultsMode mode() {
        return ResultsMode.SHARED_READER;
    }

    @Override
    public int waiting() {
        return waiting.size();
    }

    @Override
    public ResultWait expect(String traceId, List<String> locations) {
        if (lastSeenId == null) {
            // Not positioned yet: a result published now could land before the reader's start.
            throw new ResultsUnavailableException("the results reader has not reached Redis yet");
        }
        PendingLookup lookup = new PendingLookup(traceId, locations);
        if (waiting.putIfAbsent(traceId, lookup) != null) {
            throw new DuplicateLookupException(traceId);
        }
        return new ResultWait() {
            @Override
            public GatheredResults await(Instant deadline) {
                return lookup.awaitUntil(deadline);
            }

            @Override
            public void close() {
                lookup.close();
                waiting.remove(traceId, lookup);
            }
        };
    }

    boolean readerAlive() {
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
            dispatch(readBatch(redis));
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
        // The poll runs under an unsampled parent: an idle orchestrator must not fill the trace
        // store with one-span traces of XREAD. The scope closes before the results are handled.
        try (Scope untraced = UntracedPolling.enter()) {
            return redis.xread(XReadArgs.Builder.block(BLOCK).count(BATCH),
                    XReadArgs.StreamOffset.from(Streams.RESULTS, lastSeenId));
        }
    }

    private void dispatch(List<StreamMessage<String, String>> batch) {
        for (StreamMessage<String, String> entry : batch) {
            lastSeenId = entry.getId();
            Optional<DnsResult> decoded = ResultEntries.decode(entry, metrics);
            if (decoded.isEmpty()) {
                continue;
            }
            DnsResult result = decoded.get();
            PendingLookup lookup = waiting.get(result.traceId());
            Optional<IgnoredResult> ignored = lookup == null ? Optional.of(IgnoredResult.NOT_WAITING) : lookup.offer(result);
            ignored.ifPresent(reason -> {
                log.debug("ignoring result {} of trace {} from {}: {}", entry.getId(), result.traceId(), result.location(), reason);
                metrics.resultIgnored(reason);
            });
        }
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
