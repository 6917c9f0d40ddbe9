package dev.geodig.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import tools.jackson.databind.json.JsonMapper;

/**
 * One round of load on one mode's orchestrator: {@code concurrency} clients on virtual threads,
 * each POSTing the demo request and waiting for the report before sending the next, until the
 * round's lookups are used up or its time cap has passed (then in-flight lookups finish; each is
 * bounded by {@link #REQUEST_TIMEOUT}). Meanwhile a sampler watches the mode's Redis for groups,
 * connections and memory.
 */
final class LoadRound {

    /** Well past the orchestrator's 5 s result deadline: a lookup that takes this long is broken. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    static final Duration SAMPLE_EVERY = Duration.ofMillis(50);

    private final HttpClient http;
    private final RedisProbe probe;
    private final String lookupsUrl;
    private final String mode;

    LoadRound(HttpClient http, RedisProbe probe, String lookupsUrl, String mode) {
        this.http = http;
        this.probe = probe;
        this.lookupsUrl = lookupsUrl;
        this.mode = mode;
    }

    RoundResult run(int concurrency, int lookups, Duration cap) throws InterruptedException {
        AtomicInteger tickets = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicLongArray latencies = new AtomicLongArray(lookups);
        Map<String, Integer> nonSuccess = new ConcurrentHashMap<>();
        AtomicBoolean capped = new AtomicBoolean();
        Sampler sampler = new Sampler(probe, cap.plus(REQUEST_TIMEOUT).plusSeconds(5));
        Thread samplerThread = Thread.ofPlatform().name("bench-sampler-" + mode).daemon().start(sampler);

        RedisProbe.Counters redisBefore = probe.counters();
        long cpuBefore = processCpuNanos();
        long allocBefore = allocatedBytes();
        long start = System.nanoTime();
        long stopSendingAt = start + cap.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    // Bounded by the ticket count and by the cap.
                    for (int ticket; (ticket = tickets.getAndIncrement()) < lookups; ) {
                        if (System.nanoTime() >= stopSendingAt) {
                            capped.set(true);
                            return;
                        }
                        long sent = System.nanoTime();
                        String outcome = lookupOnce();
                        latencies.set(ticket, System.nanoTime() - sent);
                        completed.incrementAndGet();
                        if (!outcome.equals("success")) {
                            nonSuccess.merge(outcome, 1, Integer::sum);
                        }
                    }
                });
            }
            clients.shutdown();
            if (!clients.awaitTermination(cap.plus(REQUEST_TIMEOUT).plusSeconds(5).toSeconds(), TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        }
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        long alloc = allocBefore < 0 ? -1 : allocatedBytes() - allocBefore;
        RedisProbe.Counters redisAfter = probe.counters();
        sampler.stop();
        samplerThread.join(Duration.ofSeconds(5));

        long[] done = new long[lookups];
        int n = 0;
        for (int i = 0; i < lookups; i++) {
            if (latencies.get(i) > 0) {
                done[n++] = latencies.get(i);
            }
        }
        return new RoundResult(mode, concurrency, completed.get(), wall, java.util.Arrays.copyOf(done, n),
                new TreeMap<>(nonSuccess), capped.get(), redisAfter.callsSince(redisBefore),
                redisAfter.cpuSeconds() - redisBefore.cpuSeconds(), cpu, alloc,
                sampler.peakGroups, sampler.peakClients, sampler.peakUsedMemory);
    }

    /** @return the report's status, or what went wrong instead */
    private String lookupOnce() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(lookupsUrl))
                    .header("Content-Type", "application/json")
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(BenchSettings.DEMO_BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "http " + response.statusCode();
            }
            return JsonMapper.shared().readTree(response.body()).path("status").asString("no status");
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Every thread's allocations since the JVM started, including threads that have ended; -1 if unsupported. */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()
                ? threads.getTotalThreadAllocatedBytes() : -1;
    }

    /** Polls the mode's Redis until stopped, bounded by a number of samples. */
    private static final class Sampler implements Runnable {
        private final RedisProbe probe;
        private final long maxSamples;
        private volatile boolean stopped;
        volatile int peakGroups;
        volatile int peakClients;
        volatile long peakUsedMemory;

        Sampler(RedisProbe probe, Duration longest) {
            this.probe = probe;
            this.maxSamples = longest.toMillis() / SAMPLE_EVERY.toMillis() + 1;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            for (long i = 0; i < maxSamples && !stopped; i++) {
                try {
                    peakGroups = Math.max(peakGroups, probe.resultGroups());
                    peakClients = Math.max(peakClients, probe.connectedClients());
                    peakUsedMemory = Math.max(peakUsedMemory, probe.usedMemory());
                    Thread.sleep(SAMPLE_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
