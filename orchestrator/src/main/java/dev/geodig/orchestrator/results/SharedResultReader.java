package dev.geodig.orchestrator.results;

import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers results with ONE reader per orchestrator instance (a {@link ResultStreamFollower}): every
 * instance reads every entry of {@code dns:results} and hands each result to the lookup waiting here
 * for its trace id. A result nobody here waits for is dropped.
 */
public final class SharedResultReader implements ResultCollector {

    private final ResultStreamFollower follower;
    private final Map<String, PendingLookup> waiting = new ConcurrentHashMap<>();

    public SharedResultReader(RedisConnections connections, LookupMetrics metrics) {
        this.follower = new ResultStreamFollower(connections, entry -> ResultEntries.handOut(entry, waiting::get, metrics));
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

    @Override
    public void close() {
        follower.close();
    }
}
