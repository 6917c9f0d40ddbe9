package dev.geodig.bench;

import dev.geodig.testkit.DemoDns;
import dev.geodig.testkit.TopologyFile;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the orchestrator's two ways of gathering results ({@code geodig.orchestrator.results-mode}
 * = {@code shared-reader} | {@code group-per-request}) side by side in one run, and writes the
 * figures and their ratios to {@code bench/target/results-modes.md}. Run it with {@code ./geodig bench results-modes}
 * ({@code --quick} for a short run); see {@code docs/benchmarks.md}.
 *
 * <p>Each mode gets its own stack (Redis, a worker per location, an orchestrator; see {@link ModeStack}); the
 * demo DNS (Unbound in front of Knot, each worker asking with its location's client subnet) is shared. The modes run in alternating rounds (A B, B A, ...) at each
 * concurrency, after discarded warm-up rounds, so drift in the machine's load hits both. Everything
 * binds to 127.0.0.1 and the only DNS servers asked are the ones started here.
 */
public final class ResultsModeBenchmark {

    private static final Duration SETTLE = Duration.ofMillis(300);

    public static void main(String[] args) throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new ResultsModeBenchmark().run(settings, String.join(" ", args)));
    }

    private DemoDns dns;
    private final List<ModeStack> stacks = new ArrayList<>();
    private final List<RedisProbe> probes = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();

    private int run(BenchSettings settings, String argLine) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(settings.workDir());
        Path workDir = Files.createTempDirectory(settings.workDir().toAbsolutePath(), "run-");
        log("settings: " + settings.describe());
        log("work dir (Redis/DNS logs): " + workDir);
        try {
            List<LoadRound> modes = startModes(workDir, startDns(settings, workDir));
            log("started in " + seconds(System.nanoTime() - started) + " s");

            List<ResultsReport.Level> levels = new ArrayList<>();
            for (int concurrency : settings.concurrencies()) {
                levels.add(measureLevel(settings, modes, concurrency));
            }

            List<ResultsReport.Aftermath> after = aftermath();
            String header = ResultsReport.header(settings, argLine, probes.getFirst().version(), seconds(System.nanoTime() - started));
            write(settings.output(), new ResultsReport().render(header, levels, after));
            int nonSuccess = levels.stream().mapToInt(l -> l.shared().nonSuccessCount() + l.group().nonSuccessCount()).sum();
            if (nonSuccess > 0) {
                log(nonSuccess + " measured lookup(s) did not succeed: the figures are not comparable (see the report)");
                return 1;
            }
            return 0;
        } finally {
            stopAll();
        }
    }

    /** The demo DNS; per location, the worker's DNS settings: the one resolver, its client subnet, ECS on or off. */
    private Map<String, Map<String, String>> startDns(BenchSettings settings, Path workDir) {
        dns = DemoDns.start(workDir.resolve("dns"), settings.dnsDir());
        Map<String, Map<String, String>> workerDns = new LinkedHashMap<>();
        for (TopologyFile.Location location : settings.locations()) {
            workerDns.put(location.name(), Map.of(
                    "geodig.worker.resolvers", dns.resolverAddress(),
                    "geodig.worker.client-subnet", location.clientSubnet(),
                    "geodig.worker.ecs", location.ecs() ? "on" : "off"));
        }
        log("demo DNS: resolver " + dns.resolverAddress() + ", authoritative " + dns.authoritativeAddress() + "; " + workerDns);
        return workerDns;
    }

    /** A stack per mode, its Redis probed and an HTTP client to load its orchestrator with. */
    private List<LoadRound> startModes(Path workDir, Map<String, Map<String, String>> workerDns) {
        List<LoadRound> modes = new ArrayList<>();
        for (String mode : List.of(ResultsReport.SHARED, ResultsReport.GROUP)) {
            ModeStack stack = ModeStack.start(mode, workDir, workerDns);
            stacks.add(stack);
            RedisProbe probe = new RedisProbe(stack.redis.url());
            probes.add(probe);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            clients.add(http);
            modes.add(new LoadRound(http, probe, stack.lookupsUrl, mode));
            log(mode + ": orchestrator " + stack.lookupsUrl + ", Redis " + stack.redis.url());
        }
        return modes;
    }

    /** What each mode's Redis holds once the last round has settled. */
    private List<ResultsReport.Aftermath> aftermath() throws InterruptedException {
        Thread.sleep(SETTLE);
        List<ResultsReport.Aftermath> after = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            RedisProbe probe = probes.get(i);
            after.add(new ResultsReport.Aftermath(stacks.get(i).mode, probe.resultGroups(), probe.usedMemory(),
                    probe.connectedClients()));
        }
        return after;
    }

    private static void write(Path output, String report) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, report);
        System.out.println();
        System.out.println(report);
        log("written to " + output.toAbsolutePath());
    }

    private void stopAll() {
        clients.forEach(HttpClient::close);
        probes.forEach(RedisProbe::close);
        for (int i = stacks.size() - 1; i >= 0; i--) {
            stacks.get(i).close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    /** Warm-up rounds (discarded), then measured rounds with the order of the modes alternating. */
    private ResultsReport.Level measureLevel(BenchSettings settings, List<LoadRound> modes, int concurrency)
            throws InterruptedException {
        for (int w = 0; w < settings.warmupRounds(); w++) {
            for (LoadRound mode : modes) {
                RoundResult r = round(settings, mode, concurrency);
                log("c=%d warm-up %d %s: %s".formatted(concurrency, w + 1, r.mode(), brief(r)));
            }
        }
        Map<String, List<RoundResult>> kept = new LinkedHashMap<>();
        kept.put(ResultsReport.SHARED, new ArrayList<>());
        kept.put(ResultsReport.GROUP, new ArrayList<>());
        List<Double> pairedRatios = new ArrayList<>();
        for (int r = 0; r < settings.rounds(); r++) {
            List<LoadRound> order = r % 2 == 0 ? modes : modes.reversed();
            for (LoadRound mode : order) {
                RoundResult result = round(settings, mode, concurrency);
                kept.get(result.mode()).add(result);
                log("c=%d round %d %s: %s".formatted(concurrency, r + 1, result.mode(), brief(result)));
            }
            pairedRatios.add(kept.get(ResultsReport.GROUP).getLast().lookupsPerSecond()
                    / kept.get(ResultsReport.SHARED).getLast().lookupsPerSecond());
        }
        return new ResultsReport.Level(concurrency, ModeSummary.of(kept.get(ResultsReport.SHARED)),
                ModeSummary.of(kept.get(ResultsReport.GROUP)), pairedRatios);
    }

    private static RoundResult round(BenchSettings settings, LoadRound mode, int concurrency) throws InterruptedException {
        // Lets the previous round's last results and pooled connections settle before counting.
        Thread.sleep(SETTLE);
        return mode.run(concurrency, settings.lookupsAt(concurrency), settings.roundCap());
    }

    private static String brief(RoundResult r) {
        Percentiles p = new Percentiles(r.latenciesNanos());
        return "%d lookups in %s s, %.0f/s, p50 %.1f ms, p99 %.1f ms, %.1f Redis cmds/lookup, peak groups %d, non-success %d%s"
                .formatted(r.completed(), seconds(r.wallNanos()), r.lookupsPerSecond(), p.of(50) / 1e6, p.of(99) / 1e6,
                        r.redisCommandCount() / (double) Math.max(r.completed(), 1), r.peakResultGroups(),
                        r.nonSuccessCount(), r.capped() ? " (CAPPED)" : "");
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static void log(String message) {
        System.out.println("bench: " + message);
    }
}
