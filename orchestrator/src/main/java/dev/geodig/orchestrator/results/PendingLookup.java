package dev.geodig.orchestrator.results;

import dev.geodig.contract.DnsResult;
import dev.geodig.orchestrator.telemetry.LookupMetrics.IgnoredResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The results of one lookup as they arrive: the first result per requested location counts, anything
 * else is refused. Thread-safe: a reader thread offers while the request's thread awaits.
 */
final class PendingLookup {

    private final String traceId;
    private final List<String> expected;
    private final Map<String, DnsResult> received = new ConcurrentHashMap<>();
    private final CountDownLatch allReceived;
    private volatile boolean closed;

    PendingLookup(String traceId, List<String> expected) {
        this.traceId = traceId;
        this.expected = List.copyOf(expected);
        this.allReceived = new CountDownLatch(this.expected.size());
    }

    String traceId() {
        return traceId;
    }

    /** Takes {@code result} if it is this lookup's first from a requested location; else says why not. */
    Optional<IgnoredResult> offer(DnsResult result) {
        if (closed || !traceId.equals(result.traceId())) {
            return Optional.of(IgnoredResult.NOT_WAITING);
        }
        if (!expected.contains(result.location())) {
            return Optional.of(IgnoredResult.UNREQUESTED_LOCATION);
        }
        if (received.putIfAbsent(result.location(), result) != null) {
            return Optional.of(IgnoredResult.DUPLICATE);
        }
        allReceived.countDown();
        return Optional.empty();
    }

    boolean complete() {
        return allReceived.getCount() == 0;
    }

    /** Waits until complete or {@code deadline}; an interrupt ends the wait early, flag kept. */
    GatheredResults awaitUntil(Instant deadline) {
        Duration remaining = Duration.between(Instant.now(), deadline);
        try {
            if (remaining.isPositive()) {
                allReceived.await(remaining.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return snapshot();
    }

    GatheredResults snapshot() {
        return new GatheredResults(expected, Map.copyOf(received));
    }

    void close() {
        closed = true;
    }
}
