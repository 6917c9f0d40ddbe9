package dev.geodig.bench.lookups;

import dev.geodig.bench.Figures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The markdown report: per concurrency, the three variants side by side with the ratios (a)/(b), the
 * cost of tracing, and (a)/(c), the pipeline's overhead over the floor; then every process's memory.
 */
final class LookupsReport {

    /**
     * One concurrency's summaries, and per other variant the throughput ratio (a)/(it) of each rotation
     * of rounds (run back to back).
     */
    record Level(int concurrency, Map<Variant, VariantSummary> summaries, Map<Variant, List<Double>> pairedThroughputRatios) {
    }

    /** Resident memory per process in KiB, before the first round and after the last, per variant. */
    record Memory(Map<Variant, Map<String, Long>> before, Map<Variant, Map<String, Long>> after) {
    }

    private static final List<Variant> VARIANTS = List.of(Variant.TRACED, Variant.UNTRACED, Variant.FLOOR);
    private final StringBuilder md = new StringBuilder();
    private final Function<Variant, String> labels;

    /** @param labels what each variant is called in this run ({@link LookupsSettings#label}) */
    LookupsReport(Function<Variant, String> labels) {
        this.labels = labels;
    }

    String render(String header, List<Level> levels, Memory memory) {
        md.append(header).append('\n');
        levels.forEach(this::level);
        memory(memory);
        return md.toString();
    }

    private void level(Level level) {
        VariantSummary a = level.summaries().get(Variant.TRACED);
        md.append("\n## ").append(level.concurrency()).append(level.concurrency() == 1 ? " connection" : " connections")
                .append(" (").append(a.rounds()).append(" round(s) per variant)\n\n");
        md.append("| metric | ").append(VARIANTS.stream().map(labels).collect(Collectors.joining(" | ")))
                .append(" | (a)/(b) | (a)/(c) |\n|---|---:|---:|---:|---:|---:|\n");
        row(level, "lookups/s", VariantSummary::lookupsPerSecond);
        row(level, "latency p50 (ms)", VariantSummary::p50Ms);
        row(level, "latency p99 (ms)", VariantSummary::p99Ms);
        row(level, "non-success lookups (must be 0)", s -> s.nonSuccess());
        row(level, "**CPU ms per lookup, all processes**", VariantSummary::totalCpuMsPerLookup);
        for (String process : processes(level.summaries().values().stream().map(s -> s.cpuMsPerLookup().keySet()).toList())) {
            row(level, "CPU ms per lookup: " + process, s -> s.cpuMsPerLookup().getOrDefault(process, Double.NaN));
        }
        row(level, "CPU ms per lookup: of all the above, the JVMs' JIT compilers", VariantSummary::jitCpuMsPerLookup);
        row(level, "CPU ms per lookup: load generator (wrk; not in the total)", VariantSummary::loadGeneratorCpuMsPerLookup);
        md.append('\n');
        level.pairedThroughputRatios().forEach((other, ratios) -> {
            List<Double> sorted = ratios.stream().sorted().toList();
            md.append("Throughput (a)/").append(labels.apply(other), 0, 3).append(" per rotation of rounds: ")
                    .append(sorted.stream().map(Figures::fmt).collect(Collectors.joining(", ")))
                    .append(" (median ").append(Figures.fmt(Figures.median(sorted))).append(").\n");
        });
    }

    private void row(Level level, String metric, ToDoubleFunction<VariantSummary> value) {
        double[] v = VARIANTS.stream().mapToDouble(variant -> value.applyAsDouble(level.summaries().get(variant))).toArray();
        md.append("| ").append(metric).append(" | ");
        for (double x : v) {
            md.append(Double.isNaN(x) ? "—" : Figures.fmt(x)).append(" | ");
        }
        md.append(Figures.ratio(v[0], v[1])).append(" | ").append(Figures.ratio(v[0], v[2])).append(" |\n");
    }

    private void memory(Memory memory) {
        md.append("\n## Memory: RSS in MiB before the first round and after the last\n\n")
                .append("A launcher program counts with its whole process group. (c)'s DNS servers are (a)'s.\n\n| process |");
        VARIANTS.forEach(v -> md.append(' ').append(labels.apply(v)).append(" before | ").append(labels.apply(v)).append(" after |"));
        md.append("\n|---|").append("---:|".repeat(2 * VARIANTS.size())).append('\n');
        List<Set<String>> names = VARIANTS.stream().map(v -> memory.before().getOrDefault(v, Map.of()).keySet()).toList();
        for (String process : processes(names)) {
            md.append("| ").append(process).append(" |");
            VARIANTS.forEach(v -> md.append(' ').append(mib(memory.before(), v, process)).append(" | ")
                    .append(mib(memory.after(), v, process)).append(" |"));
            md.append('\n');
        }
        md.append("| **total** |");
        VARIANTS.forEach(v -> md.append(' ').append(total(memory.before(), v)).append(" | ").append(total(memory.after(), v)).append(" |"));
        md.append('\n');
    }

    private static String mib(Map<Variant, Map<String, Long>> rss, Variant variant, String process) {
        Long kib = rss.getOrDefault(variant, Map.of()).get(process);
        return kib == null ? "—" : Figures.fmt(Math.round(kib / 1024.0));
    }

    private static String total(Map<Variant, Map<String, Long>> rss, Variant variant) {
        return Figures.fmt(Math.round(rss.getOrDefault(variant, Map.of()).values().stream().mapToLong(Long::longValue).sum() / 1024.0));
    }

    /** Every process named, the services first, then Redis, DNS, the tracing pipeline, the floor's harness. */
    static List<String> processes(List<? extends Set<String>> perVariant) {
        Set<String> all = new LinkedHashSet<>();
        perVariant.forEach(all::addAll);
        List<String> ordered = new ArrayList<>(all);
        ordered.sort(Comparator.comparingInt(LookupsReport::rank));
        return ordered;
    }

    private static int rank(String process) {
        if (process.equals("dns-gateway")) {
            return 0;
        }
        if (process.equals("dns-orchestrator")) {
            return 1;
        }
        if (process.startsWith("dns-worker-")) {
            return 2;
        }
        if (process.equals("redis")) {
            return 3;
        }
        if (process.startsWith("dns-")) {
            return 4;
        }
        return process.startsWith("collector-") ? 5 : process.equals("jaeger") ? 6 : 7;
    }
}
