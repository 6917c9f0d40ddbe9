package dev.geodig.orchestrator.results;

import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.streams.ConsumerGroup;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The design's way of gathering results (docs/architecture.md), kept for the benchmark: per lookup, a
 * consumer group {@code orchestrator-<trace_id>} on {@code dns:results}, created at {@code $} before the
 * task is published, read with {@code XREADGROUP} until every location answered or the deadline passed
 * (acknowledging everything read, filtering by trace id), and destroyed when the lookup ends.
 *
 * <p>Its costs (a connection per wait, pooled) and why its reads stay traced: docs/results-gathering.md.
 */
public final class PerRequestGroupCollector implements ResultCollector {

    private static final Logger log = LoggerFactory.getLogger(PerRequestGroupCollector.class);

    /** The group is the lookup's own, so one consumer name serves every lookup. */
    static final String CONSUMER = "orchestrator";
    static final Duration MAX_BLOCK = Duration.ofSeconds(1);
    static final int BATCH = 256;
    /** Idle reading connections kept for the next lookups; more than this are closed after use. */
    static final int MAX_IDLE_CONNECTIONS = 32;

    private final RedisConnections connections;
    private final LookupMetrics metrics;
    private final Deque<StatefulRedisConnection<String, String>> idleConnections = new ConcurrentLinkedDeque<>();
    /** Waits handed out and not yet closed. */
    private final AtomicInteger open = new AtomicInteger();

    public PerRequestGroupCollector(RedisConnections connections, LookupMetrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
    }

    @Override
    public ResultsMode mode() {
        return ResultsMode.GROUP_PER_REQUEST;
    }

    @Override
    public int waiting() {
        return open.get();
    }

    @Override
    public ResultWait expect(String traceId, List<String> locations) {
        ConsumerGroup group = new ConsumerGroup(Streams.RESULTS, Streams.perRequestResultGroup(traceId), CONSUMER);
        StatefulRedisConnection<String, String> reading = borrowConnection();
        boolean created;
        try {
            // At "$": only results written from now on; the stream is made if no worker has written yet.
            created = group.create(connections.shared().sync(), ConsumerGroup.AFTER_LAST);
        } catch (RuntimeException e) {
            giveBack(reading, false);
            throw e;
        }
        if (!created) {
            giveBack(reading, true);
            throw new DuplicateLookupException(traceId);
        }
        GroupWait wait = new GroupWait(new PendingLookup(traceId, locations), group, reading);
        open.incrementAndGet();
        return wait;
    }

    /** Every lookup releases its own group; what is left to close are the idle connections. */
    @Override
    public void close() {
        for (StatefulRedisConnection<String, String> idle; (idle = idleConnections.pollFirst()) != null; ) {
            idle.close();
        }
    }

    private StatefulRedisConnection<String, String> borrowConnection() {
        for (StatefulRedisConnection<String, String> idle; (idle = idleConnections.pollFirst()) != null; ) {
            if (idle.isOpen()) {
                return idle;
            }
            idle.close();
        }
        try {
            return connections.dedicated(MAX_BLOCK);
        } catch (RedisException e) {
            throw new ResultsUnavailableException("cannot connect to Redis to read results", e);
        }
    }

    /** A connection whose last command failed may still have a reply in flight: never reuse it. */
    private void giveBack(StatefulRedisConnection<String, String> connection, boolean reusable) {
        if (reusable && connection.isOpen() && idleConnections.size() < MAX_IDLE_CONNECTIONS) {
            idleConnections.offerFirst(connection);
        } else {
            connection.close();
        }
    }

    private final class GroupWait implements ResultWait {
        private final PendingLookup lookup;
        private final ConsumerGroup group;
        private final StatefulRedisConnection<String, String> reading;
        private boolean readFailed;

        GroupWait(PendingLookup lookup, ConsumerGroup group, StatefulRedisConnection<String, String> reading) {
            this.lookup = lookup;
            this.group = group;
            this.reading = reading;
        }

        @Override
        public GatheredResults await(Instant deadline) {
            try {
                return readUntil(deadline);
            } catch (RuntimeException e) {
                readFailed = true;
                throw e;
            }
        }

        private GatheredResults readUntil(Instant deadline) {
            // Bounded: each pass blocks at most until the deadline, and the loop ends at it.
            while (!lookup.complete() && !Thread.currentThread().isInterrupted()) {
                Duration remaining = Duration.between(Instant.now(), deadline);
                if (!remaining.isPositive()) {
                    break;
                }
                // BLOCK 0 would mean "forever": never ask for less than a millisecond.
                Duration block = remaining.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : remaining.plusMillis(1);
                List<StreamMessage<String, String>> batch = group.readNew(reading.sync(), block, BATCH);
                if (batch.isEmpty()) {
                    continue;
                }
                group.acknowledge(reading.sync(), batch.stream().map(StreamMessage::getId).toArray(String[]::new));
                batch.forEach(entry -> ResultEntries.handOut(entry, traceId -> lookup, metrics));
            }
            return lookup.snapshot();
        }

        /** Destroys the group (and with it its pending entries); later results reach no one. */
        @Override
        public void close() {
            open.decrementAndGet();
            lookup.close();
            try {
                group.destroy(connections.shared().sync());
            } catch (RuntimeException e) {
                log.warn("could not destroy result group {}: {}", group.group(), e.toString());
            } finally {
                giveBack(reading, !readFailed);
            }
        }
    }
}
