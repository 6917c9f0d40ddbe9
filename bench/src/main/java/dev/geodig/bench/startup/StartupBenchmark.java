package dev.geodig.bench.startup;

import dev.geodig.bench.lookups.ProcessUsage;
import dev.geodig.testkit.TopologyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The start-up benchmark, {@code ./geodig bench startup} (issue 23): how fast a topology is ready and how fast it
 * warms up, (a) as {@code ./geodig up} starts it against (b) the same without its AOT caches, or another checkout.
 * The variants start one at a time, alternating over the runs, so that each start has the machine to itself
 * ({@link VariantStart} measures one). Writes {@code bench/target/startup.md} ({@link StartupReport});
 * docs/benchmarks.md explains it. Every topology is stopped at the end, however the run ends.
 */
public final class StartupBenchmark {

    private final StartupSettings settings;

    private StartupBenchmark(StartupSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        StartupSettings settings;
        try {
            settings = StartupSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new StartupBenchmark(settings).run(StartupSettings.userArguments(args)));
    }

    private int run(String argLine) throws Exception {
        long started = System.nanoTime();
        long deadline = started + settings.budget().toNanos();
        Files.createDirectories(settings.workDir());
        long ticksPerSecond = ProcessUsage.ticksPerSecond();
        Map<StartupVariant, VariantStart> starts = new EnumMap<>(StartupVariant.class);
        for (StartupVariant v : StartupVariant.values()) {
            starts.put(v, new VariantStart(settings, v, ticksPerSecond));
        }
        // Each start stops its topology when done; this is for an interrupted run (Ctrl-C) in the middle of one.
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                starts.values().forEach(VariantStart::stop);
            }
        }));
        // (b) asks for the same locations as (a), even a baseline whose topology file has others.
        List<String> locations = TopologyFile.read(settings.topology()).locationNames();
        Map<StartupVariant, List<StartupFigures>> measured = new EnumMap<>(StartupVariant.class);
        List<String> problems = new ArrayList<>();
        log("settings: " + settings.describe());
        for (int run = 1; run <= settings.runs(); run++) {
            // a b, then b a, ...: neither variant always starts first (after the other's down, or after the build).
            List<StartupVariant> order = run % 2 == 1 ? List.of(StartupVariant.A, StartupVariant.B) : List.of(StartupVariant.B, StartupVariant.A);
            for (StartupVariant v : order) {
                String what = settings.label(v) + ", start " + run;
                if (System.nanoTime() > deadline) {
                    problems.add(what + ": left out, the run's budget (--max-minutes) was spent");
                    continue;
                }
                try {
                    measured.computeIfAbsent(v, k -> new ArrayList<>()).add(starts.get(v).measure(run, locations));
                } catch (IOException | RuntimeException e) {
                    // A variant that did not start, or whose process died, is a finding, not the end of the run.
                    problems.add(what + ": failed: " + e.getMessage());
                    log(what + " failed: " + e);
                }
            }
        }
        finished.set(true);
        String aotNotes = "(a) " + starts.get(StartupVariant.A).aotNote() + "; (b) " + starts.get(StartupVariant.B).aotNote();
        String header = StartupHeader.render(settings, argLine, System.nanoTime() - started, locations, aotNotes);
        List<StartupFigures> a = measured.getOrDefault(StartupVariant.A, List.of());
        List<StartupFigures> b = measured.getOrDefault(StartupVariant.B, List.of());
        String report = new StartupReport(settings::label, settings.window().toSeconds(), settings.connections())
                .render(header, a, b, settings.windows(), problems);
        Files.writeString(settings.output(), report);
        System.out.println();
        System.out.println(report);
        log("written to " + settings.output());
        return verdict(a, b, problems);
    }

    /** 0 when every start was measured and every measured lookup succeeded: otherwise the figures do not say what they claim. */
    private static int verdict(List<StartupFigures> a, List<StartupFigures> b, List<String> problems) {
        long failures = a.stream().mapToLong(StartupFigures::failures).sum() + b.stream().mapToLong(StartupFigures::failures).sum();
        if (failures > 0) {
            log(failures + " measured lookup(s) did not succeed (see the report)");
        }
        problems.forEach(StartupBenchmark::log);
        return failures > 0 || !problems.isEmpty() || a.isEmpty() || b.isEmpty() ? 1 : 0;
    }

    static void log(String message) {
        System.out.println("bench: " + message);
    }
}
