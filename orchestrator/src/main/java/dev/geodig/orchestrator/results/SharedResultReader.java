package dev.geodig.orchestrator.results;

import dev.geodig.contract.DnsResult;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.orchestrator.telemetry.LookupMetrics.IgnoredResult;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers results with ONE reader per orchestrator instance (a {@link ResultStreamFollower}): every
 * instance reads every entry of {@code dns:results} and hands each result to the lookup waiting here
 * for its trace id. A result nobody here waits for is dropped.
 */
public final class SharedResultReader implements ResultCollector {

    private static final Logger log = LoggerFactory.getLogger(SharedResultReader.class);

    private final LookupMetrics metrics;
    private final ResultStreamFollower follower;
    private final Map<String, PendingLookup> waiting = new ConcurrentHashMap<>();

    public SharedResultReader(RedisConnections connections, LookupMetrics metrics) {
        this.metrics = metrics;
        this.follower = new ResultStreamFollower(connections, this::handOut);
    }

    /**
     * Starts the reader, positioned if Redis is reachable now. Positioning here, before the web server
     * accepts requests, means no request can publish before the reader knows where to start.
     */
    public SharedResultReader start() {
        follower.start();
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
        if (!follower.positioned()) {
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
        return follower.alive();
    }

    private void handOut(StreamMessage<String, String> entry) {
        Optional<DnsResult> decoded = ResultEntries.decode(entry, metrics);
        if (decoded.isEmpty()) {
            return;
        }
        DnsResult result = decoded.get();
        PendingLookup lookup = waiting.get(result.traceId());
        Optional<IgnoredResult> ignored = lookup == null ? Optional.of(IgnoredResult.NOT_WAITING) : lookup.offer(result);
        ignored.ifPresent(reason -> {
            log.debug("ignoring result {} of trace {} from {}: {}", entry.getId(), result.traceId(), result.location(), reason);
            metrics.resultIgnored(reason);
        });
    }

    @Override
    public void close() {
        follower.close();
    }
}
