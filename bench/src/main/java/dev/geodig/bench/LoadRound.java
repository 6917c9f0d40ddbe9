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
import java.util.function.Supplier;
import java.util.stream.IntStream;
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
        Sampler sampler = new Sampler(probe, cap.plus(REQUEST_TIMEOUT).plusSeconds(5));
        Thread samplerThread = Thread.ofPlatform().name("bench-sampler-" + mode).daemon().start(sampler);

        RedisProbe.Counters redisBefore = probe.counters();
        long cpuBefore = processCpuNanos();
        long allocBefore = allocatedBytes();
        long start = System.nanoTime();
        Tally tally = load(concurrency, lookups, start + cap.toNanos(), cap.plus(REQUEST_TIMEOUT).plusSeconds(5));
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        long alloc = allocBefore < 0 ? -1 : allocatedBytes() - allocBefore;
        RedisProbe.Counters redisAfter = probe.counters();
        sampler.stop();
        samplerThread.join(Duration.ofSeconds(5));

        return new RoundResult(mode, concurrency, tally.completed.get(), wall, tally.latenciesOfCompleted(),
                new TreeMap<>(tally.nonSuccess), tally.capped.get(), redisAfter.callsSince(redisBefore),
                redisAfter.cpuSeconds() - redisBefore.cpuSeconds(), cpu, alloc,
                sampler.peakGroups, sampler.peakClients, sampler.peakUsedMemory);
    }

    /** {@code concurrency} clients sending lookups until {@code lookups} are done or sending stops, each timed. */
    private Tally load(int concurrency, int lookups, long stopSendingAt, Duration longest) throws InterruptedException {
        Tally tally = new Tally(lookups);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> tally.sendUntil(stopSendingAt, this::lookupOnce));
            }
            clients.shutdown();
            if (!clients.awaitTermination(longest.toSeconds(), TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        }
        return tally;
    }

    /** What the clients of one round did, shared between them. */
    private static final class Tally {
        private final AtomicInteger tickets = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        private final AtomicLongArray latencies;
        final Map<String, Integer> nonSuccess = new ConcurrentHashMap<>();
        final AtomicBoolean capped = new AtomicBoolean();

        Tally(int lookups) {
            latencies = new AtomicLongArray(lookups);
        }

        /** One client: takes tickets until none are left or sending stops. */
        void sendUntil(long stopSendingAt, Supplier<String> lookupOnce) {
            for (int ticket; (ticket = tickets.getAndIncrement()) < latencies.length(); ) {
                if (System.nanoTime() >= stopSendingAt) {
                    capped.set(true);
                    return;
                }
                long sent = System.nanoTime();
                String outcome = lookupOnce.get();
                latencies.set(ticket, System.nanoTime() - sent);
                completed.incrementAndGet();
                if (!outcome.equals("success")) {
                    nonSuccess.merge(outcome, 1, Integer::sum);
                }
            }
        }

        long[] latenciesOfCompleted() {
            return IntStream.range(0, latencies.length()).mapToLong(latencies::get).filter(l -> l > 0).toArray();
        }
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
