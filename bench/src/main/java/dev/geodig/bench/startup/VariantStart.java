package dev.geodig.bench.startup;

import dev.geodig.bench.lookups.LaunchedTopology;
import dev.geodig.bench.lookups.ProcessUsage;
import dev.geodig.bench.lookups.ProcessUsage.MeasuredProcess;
import dev.geodig.bench.lookups.RoundLoad;
import dev.geodig.bench.lookups.WrkLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One start of one variant, measured from a stopped topology to the soak's end, then stopped again: {@code up}'s
 * wall time, the warm-up windows, the at-rest lookups, the CLI, and the stack's RSS along the way. The topology is
 * driven through its own launcher ({@link LaunchedTopology}), as the lookups benchmark drives its topologies.
 */
final class VariantStart {

    private final StartupSettings settings;
    private final StartupVariant variant;
    private final LaunchedTopology topology;
    private final long ticksPerSecond;

    VariantStart(StartupSettings settings, StartupVariant variant, long ticksPerSecond) {
        this.settings = settings;
        this.variant = variant;
        this.topology = new LaunchedTopology("startup-" + variant.letter, settings.launcher(variant), settings.stateDir(variant),
                settings.offset(variant), settings.topology(variant), settings.environment(variant), settings.workDir());
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * @param locations every lookup's locations: (a)'s, for (b) too, so that both answer the same lookup
     * @throws IllegalStateException when the topology did not start or a process of it died meanwhile
     */
    StartupFigures measure(int run, List<String> locations) throws IOException, InterruptedException {
        String label = settings.label(variant) + " start " + run;
        try {
            StartupBenchmark.log(label + ": ./geodig up --no-build on port offset " + settings.offset(variant) + " (log: " + topology.log("up") + ")");
            Duration ready = topology.up();
            List<MeasuredProcess> processes = topology.processes();
            double rssAfterUp = rssMib(processes);
            int gateway = topology.port("gateway");
            StartupBenchmark.log(label + ": ready in %.1f s, %d processes, RSS %.0f MiB".formatted(ready.toNanos() / 1e9, processes.size(),
                    rssAfterUp));
            WrkLoad wrk = new WrkLoad(settings.wrkScript(), "http://127.0.0.1:" + gateway, locations,
                    settings.workDir().resolve("wrk-" + variant.letter + ".txt"));
            List<WarmupWindow> windows = new ArrayList<>();
            for (int i = 1; i <= settings.windows(); i++) {
                WarmupWindow w = window(wrk, processes);
                windows.add(w);
                StartupBenchmark.log(label + String.format(Locale.ROOT, ": window %d: %.0f lookups/s, p99 %.1f ms, CPU %.2f ms/lookup, non-success %d",
                        i, w.lookupsPerSecond(), w.p99Ms(), w.cpuMsPerLookup(), w.nonSuccess()));
            }
            double rssAfterWarmup = rssMib(processes);
            Thread.sleep(StartupSettings.QUIET);
            AtRestLatency atRest = new AtRestProbe(gateway, locations).run(settings.atRest(), StartupSettings.AT_REST_INTERVAL);
            StartupBenchmark.log(label + String.format(Locale.ROOT, ": at rest p50 %.2f ms, p90 %.2f ms, failed %d of %d",
                    atRest.p50Ms(), atRest.p90Ms(), atRest.failures(), settings.atRest()));
            List<Double> cliSeconds = new ArrayList<>();
            for (int i = 0; i < StartupSettings.CLI_RUNS; i++) {
                Duration took = topology.timed("lookup", "www.geodig.test");
                if (took != null) {
                    cliSeconds.add(took.toNanos() / 1e9);
                }
            }
            int cliFailures = StartupSettings.CLI_RUNS - cliSeconds.size();
            StartupBenchmark.log(label + ": ./geodig lookup " + cliSeconds + " s, failed " + cliFailures + " (log: " + topology.log("lookup") + ")");
            long soakNonSuccess = soak(wrk, label);
            double rssAfterSoak = rssMib(processes);
            StartupBenchmark.log(label + ": RSS %.0f MiB after up, %.0f after the windows, %.0f after the soak".formatted(rssAfterUp,
                    rssAfterWarmup, rssAfterSoak));
            return new StartupFigures(variant, run, ready.toNanos() / 1e9, windows, atRest, cliSeconds, cliFailures, rssAfterUp,
                    rssAfterWarmup, rssAfterSoak, soakNonSuccess);
        } finally {
            StartupBenchmark.log(label + ": ./geodig down");
            topology.down();
        }
    }

    /** Stops the topology; never throws: it runs when the benchmark is interrupted. */
    void stop() {
        topology.down();
    }

    /** What the launcher said about the AOT caches when it started this variant last: whether (a) had them. */
    String aotNote() {
        try {
            List<String> lines = Files.readAllLines(topology.log("up")).stream().filter(l -> l.contains("AOT")).map(String::strip).toList();
            return lines.isEmpty() ? "nothing about the AOT caches (each service's was fresh)" : String.join("; ", lines);
        } catch (IOException e) {
            return "(no log of up: " + e.getMessage() + ")";
        }
    }

    /** Windows follow each other without a pause: the curve is the topology's from its first request on. */
    private WarmupWindow window(WrkLoad wrk, List<MeasuredProcess> processes) throws IOException, InterruptedException {
        long before = cpuTicks(processes);
        RoundLoad load = wrk.run(settings.connections(), settings.window());
        return WarmupWindow.of(load, cpuTicks(processes) - before, ticksPerSecond);
    }

    private long soak(WrkLoad wrk, String label) throws IOException, InterruptedException {
        if (settings.soak().isZero()) {
            return 0;
        }
        RoundLoad soak = wrk.run(settings.connections(), settings.soak());
        StartupBenchmark.log(label + String.format(Locale.ROOT, ": soak %d s: %.0f lookups/s, p99 %.1f ms, non-success %d",
                settings.soak().toSeconds(), soak.lookupsPerSecond(), soak.p99Ms(), soak.nonSuccess()));
        return soak.nonSuccess();
    }

    private static long cpuTicks(List<MeasuredProcess> processes) {
        return ProcessUsage.cpu(processes).ticksByProcess().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The whole stack's resident memory: every process of the topology, whole groups, in MiB. */
    private static double rssMib(List<MeasuredProcess> processes) {
        return ProcessUsage.rssKib(processes).values().stream().mapToLong(Long::longValue).sum() / 1024.0;
    }
}
