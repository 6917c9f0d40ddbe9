package dev.geodig.bench.lookups;

import dev.geodig.bench.Percentiles;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Closed-loop load on the {@link FloorHarness}, the way wrk loads a gateway: {@code clients} virtual
 * threads, each starting the next lookup when its last one is done, until the round's time is up.
 * Bounded in time and in count ({@link #MAX_LOOKUPS} per round).
 */
final class FloorLoad {

    static final int MAX_LOOKUPS = 1_000_000;

    private final FloorHarness floor;

    FloorLoad(FloorHarness floor) {
        this.floor = floor;
    }

    RoundLoad run(int clients, Duration duration) throws InterruptedException {
        AtomicLongArray latencies = new AtomicLongArray(MAX_LOOKUPS);
        AtomicLong tickets = new AtomicLong();
        AtomicLong successes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                threads.submit(() -> {
                    for (long ticket; System.nanoTime() < end && (ticket = tickets.getAndIncrement()) < MAX_LOOKUPS; ) {
                        long sent = System.nanoTime();
                        boolean ok = lookup();
                        latencies.set((int) ticket, System.nanoTime() - sent);
                        (ok ? successes : failures).incrementAndGet();
                    }
                    return null;
                });
            }
            threads.shutdown();
            if (!threads.awaitTermination(duration.plusSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        }
        long wall = System.nanoTime() - start;
        int n = (int) Math.min(tickets.get(), MAX_LOOKUPS);
        long[] done = Arrays.stream(copy(latencies, n)).filter(l -> l > 0).toArray();
        Percentiles p = new Percentiles(done);
        return new RoundLoad(successes.get(), failures.get(), wall, p.of(50) / 1e6, p.of(99) / 1e6, Double.NaN);
    }

    private boolean lookup() throws InterruptedException {
        try {
            return floor.lookupOnce();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long[] copy(AtomicLongArray values, int n) {
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = values.get(i);
        }
        return copy;
    }
}
