package dev.geodig.bench.startup;

import dev.geodig.bench.Figures;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The start-up benchmark's report: (a)'s figures against issue 23's targets, then one table per figure with (a),
 * (b) and (a)/(b), medians over the starts, and a line per start to show their spread.
 */
final class StartupReport {

    private final Function<StartupVariant, String> label;
    private final long windowSeconds;
    private final int connections;

    StartupReport(Function<StartupVariant, String> label, long windowSeconds, int connections) {
        this.label = label;
        this.windowSeconds = windowSeconds;
        this.connections = connections;
    }

    /** @param problems starts that failed or were left out, one line each; none in a run worth quoting */
    String render(String header, List<StartupFigures> aStarts, List<StartupFigures> bStarts, int windows, List<String> problems) {
        VariantMedians a = VariantMedians.of(aStarts, windows);
        VariantMedians b = VariantMedians.of(bStarts, windows);
        StringBuilder out = new StringBuilder(header).append('\n');
        out.append("## Targets for (a), medians over its ").append(a.starts()).append(" start(s)\n\n| target | limit | (a) | |\n|---|---|---|---|\n");
        for (StartupTarget t : StartupTarget.values()) {
            out.append("| %s | %s | %s | %s |\n".formatted(t.figure, t.limit, Figures.fmt(t.valueOf(a)), t.verdict(a)));
        }
        out.append("\n## Time to ready\n\n").append(tableHead("figure"));
        out.append(row("`./geodig up --no-build`, s", a.readySeconds(), b.readySeconds(), StartupTarget.READY.cell(a)));

        out.append("\n## Warm-up curve: lookups/s per %d s window at %d connections, from the first request\n\n"
                .formatted(windowSeconds, connections)).append(tableHead("window"));
        for (int i = 0; i < windows; i++) {
            String target = i == 0 ? StartupTarget.FIRST_OVER_STEADY.limit + " × steady" : i == windows - 1 ? StartupTarget.STEADY_THROUGHPUT.cell(a) : "";
            out.append(row(window(i, windows), a.lookupsPerSecond().get(i), b.lookupsPerSecond().get(i), target));
        }
        out.append(row("first / steady", a.firstOverSteady(), b.firstOverSteady(), StartupTarget.FIRST_OVER_STEADY.cell(a)));

        out.append("\n## Warm-up curve: p99 latency per window, ms\n\n").append(tableHead("window"));
        for (int i = 0; i < windows; i++) {
            out.append(row(window(i, windows), a.p99Ms().get(i), b.p99Ms().get(i), i == 0 ? StartupTarget.FIRST_P99.cell(a) : ""));
        }
        out.append("\n## Warm-up curve: CPU ms per lookup per window, all the stack's processes\n\n").append(tableHead("window"));
        for (int i = 0; i < windows; i++) {
            out.append(row(window(i, windows), a.cpuMsPerLookup().get(i), b.cpuMsPerLookup().get(i),
                    i == windows - 1 ? StartupTarget.STEADY_CPU.cell(a) : ""));
        }
        out.append("\n## Warm-up curve: lookups that did not succeed per window, all starts added up\n\n").append(tableHead("window"));
        for (int i = 0; i < windows; i++) {
            out.append(row(window(i, windows), a.nonSuccess().get(i), b.nonSuccess().get(i), "0"));
        }

        out.append("\n## At rest: one lookup every 0.5 s, ms\n\n").append(tableHead("figure"));
        out.append(row("p50", a.atRestP50Ms(), b.atRestP50Ms(), StartupTarget.AT_REST_P50.cell(a)));
        out.append(row("p90", a.atRestP90Ms(), b.atRestP90Ms(), ""));
        out.append(row("failed, all starts", a.atRestFailures(), b.atRestFailures(), "0"));

        out.append("\n## The CLI: `./geodig lookup www.geodig.test`, wall seconds\n\n").append(tableHead("figure"));
        out.append(row("median", a.cliSeconds(), b.cliSeconds(), StartupTarget.CLI.cell(a)));
        out.append(row("failed (exit code not 0), all starts", a.cliFailures(), b.cliFailures(), "0"));

        out.append("\n## RSS of the whole stack, MiB\n\n").append(tableHead("when"));
        out.append(row("right after up", a.rssAfterUpMib(), b.rssAfterUpMib(), ""));
        out.append(row("after the warm-up windows", a.rssAfterWarmupMib(), b.rssAfterWarmupMib(), ""));
        out.append(row("after the soak", a.rssAfterSoakMib(), b.rssAfterSoakMib(), StartupTarget.RSS_AFTER_SOAK.cell(a)));
        out.append(row("soak lookups that did not succeed, all starts", a.soakNonSuccess(), b.soakNonSuccess(), "0"));

        out.append("\n## Each start\n\n");
        for (StartupFigures s : interleaved(aStarts, bStarts)) {
            out.append(String.format(Locale.ROOT, "- %s, start %d: ready %.1f s; windows %s lookups/s; first / steady %.2f; at rest p50 %.2f ms;"
                    + " CLI %.2f s; RSS after the soak %.0f MiB; failures %d%n", label.apply(s.variant()), s.run(), s.readySeconds(),
                    s.windows().stream().map(w -> Figures.fmt(w.lookupsPerSecond())).toList(), s.firstOverSteady(), s.atRest().p50Ms(),
                    s.cliMedianSeconds(), s.rssAfterSoakMib(), s.failures()));
        }
        problems.forEach(p -> out.append("- **").append(p).append("**\n"));
        return out.toString();
    }

    private String tableHead(String first) {
        return "| %s | %s | %s | (a)/(b) | target for (a) |\n|---|---|---|---|---|\n".formatted(first, label.apply(StartupVariant.A),
                label.apply(StartupVariant.B));
    }

    private static String row(String figure, double a, double b, String target) {
        return "| %s | %s | %s | %s | %s |\n".formatted(figure, Figures.fmt(a), Figures.fmt(b), Figures.ratio(a, b), target);
    }

    /** {@code 1 (0–20 s)}, ..., the last also {@code steady}. */
    private String window(int index, int windows) {
        String span = "%d (%d–%d s)".formatted(index + 1, index * windowSeconds, (index + 1) * windowSeconds);
        return index == windows - 1 ? span + ", steady" : span;
    }

    /** By start number, (a) before (b): each start beside the other variant's start of the same pass. */
    private static List<StartupFigures> interleaved(List<StartupFigures> a, List<StartupFigures> b) {
        return Stream.concat(a.stream(), b.stream())
                .sorted(Comparator.comparingInt(StartupFigures::run).thenComparing(StartupFigures::variant)).toList();
    }
}
