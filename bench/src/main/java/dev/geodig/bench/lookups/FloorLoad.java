package dev.geodig.bench.lookups;

import dev.geodig.bench.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on the {@link FloorHarness}, the way wrk loads a gateway: {@code clients} virtual
 * threads, each starting the next lookup when its last one is done, until the round's time is up.
 * Bounded in time and in count ({@link #MAX_LOOKUPS} per round).
 */
final class FloorLoad {

    static final long MAX_LOOKUPS = 1_000_000;

    private final FloorHarness floor;

    FloorLoad(FloorHarness floor) {
        this.floor = floor;
    }

    RoundLoad run(int clients, Duration duration) throws InterruptedException {
        AtomicLong tickets = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> perClient = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                perClient.add(threads.submit(() -> {
                    long[] latencies = new long[256];
                    int n = 0;
                    while (System.nanoTime() < end && tickets.getAndIncrement() < MAX_LOOKUPS) {
                        long sent = System.nanoTime();
                        if (!lookup()) {
                            failures.incrementAndGet();
                            continue;
                        }
                        latencies = n == latencies.length ? Arrays.copyOf(latencies, n * 2) : latencies;
                        latencies[n++] = System.nanoTime() - sent;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            threads.shutdown();
            if (!threads.awaitTermination(duration.plusSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        }
        long wall = System.nanoTime() - start;
        long[] successes = perClient.stream().map(FloorLoad::latencies).flatMapToLong(Arrays::stream).toArray();
        Percentiles p = new Percentiles(successes);
        return new RoundLoad(successes.length, failures.get(), wall, p.of(50) / 1e6, p.of(99) / 1e6, Double.NaN);
    }

    private boolean lookup() throws InterruptedException {
        try {
            return floor.lookupOnce();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A client's latencies of successful lookups; none if it did not finish. */
    private static long[] latencies(Future<long[]> client) {
        try {
            return client.isDone() ? client.get() : new long[0];
        } catch (ExecutionException | InterruptedException e) {
            return new long[0];
        }
    }
}
