package dev.geodig.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The markdown report: per concurrency, both modes side by side and the ratio
 * group-per-request / shared-reader of every figure (above 1: group-per-request has more of it).
 */
final class ResultsReport {

    static final String SHARED = "shared-reader";
    static final String GROUP = "group-per-request";

    /** A level's two summaries and the throughput ratio of each pair of rounds run back to back. */
    record Level(int concurrency, ModeSummary shared, ModeSummary group, List<Double> pairedThroughputRatios) {
    }

    /** What each mode's Redis holds once every round is over. */
    record Aftermath(String mode, int resultGroups, long usedMemory, int connectedClients) {
    }

    private final StringBuilder md = new StringBuilder();

    String render(String header, List<Level> levels, List<Aftermath> after) {
        md.append(header).append('\n');
        for (Level level : levels) {
            level(level);
        }
        md.append("\n## After the run\n\n| | ").append(SHARED).append(" | ").append(GROUP).append(" |\n|---|---:|---:|\n");
        Aftermath a = after.get(0);
        Aftermath b = after.get(1);
        md.append("| consumer groups left on `dns:results` | ").append(a.resultGroups()).append(" | ").append(b.resultGroups()).append(" |\n");
        md.append("| Redis `used_memory` (MiB) | ").append(Figures.fmt(a.usedMemory() / 1048576.0)).append(" | ").append(Figures.fmt(b.usedMemory() / 1048576.0)).append(" |\n");
        md.append("| Redis `connected_clients` (idle) | ").append(a.connectedClients()).append(" | ").append(b.connectedClients()).append(" |\n");
        return md.toString();
    }

    private void level(Level level) {
        ModeSummary s = level.shared();
        ModeSummary g = level.group();
        md.append("\n## ").append(level.concurrency()).append(level.concurrency() == 1 ? " client" : " concurrent clients")
                .append(" (").append(s.rounds()).append(" rounds × ").append(s.lookups() / Math.max(s.rounds(), 1))
                .append(" lookups per mode)\n\n");
        md.append("| metric | ").append(SHARED).append(" | ").append(GROUP).append(" | ratio group/shared |\n|---|---:|---:|---:|\n");
        row("throughput (lookups/s)", s, g, ModeSummary::lookupsPerSecond);
        row("latency p50 (ms)", s, g, ModeSummary::p50Ms);
        row("latency p95 (ms)", s, g, ModeSummary::p95Ms);
        row("latency p99 (ms)", s, g, ModeSummary::p99Ms);
        row("lookups that took ≥ 1 s", s, g, m -> m.slowLookups());
        row("non-success lookups", s, g, m -> m.nonSuccessCount());
        row("Redis commands per lookup", s, g, ModeSummary::redisCommandsPerLookup);
        row("Redis CPU per lookup (µs)", s, g, ModeSummary::redisCpuMicrosPerLookup);
        row("JVM CPU per lookup, whole JVM (µs)", s, g, ModeSummary::jvmCpuMicrosPerLookup);
        row("JVM allocation per lookup, whole JVM (KiB)", s, g, ModeSummary::jvmAllocatedKibPerLookup);
        row("peak consumer groups on dns:results", s, g, m -> m.peakResultGroups());
        row("peak Redis connections", s, g, m -> m.peakClients());
        row("peak Redis used_memory (MiB)", s, g, m -> m.peakUsedMemory() / 1048576.0);
        List<Double> ratios = level.pairedThroughputRatios().stream().sorted().toList();
        md.append("\nThroughput ratio group/shared of each back-to-back pair of rounds: ")
                .append(ratios.stream().map(Figures::fmt).collect(Collectors.joining(", ")))
                .append(" (median ").append(Figures.fmt(Figures.median(ratios))).append(").");
        if (s.cappedRounds() + g.cappedRounds() > 0) {
            md.append(" Rounds that hit the time cap: ").append(SHARED).append(' ').append(s.cappedRounds())
                    .append(", ").append(GROUP).append(' ').append(g.cappedRounds()).append('.');
        }
        if (s.nonSuccessCount() + g.nonSuccessCount() > 0) {
            md.append(" Non-success: ").append(SHARED).append(' ').append(s.nonSuccess())
                    .append(", ").append(GROUP).append(' ').append(g.nonSuccess()).append('.');
        }
        md.append("\n\nRedis commands per lookup by name (workers' included):\n");
        md.append("- ").append(SHARED).append(": ").append(byName(s.redisCommandsPerLookupByName())).append('\n');
        md.append("- ").append(GROUP).append(": ").append(byName(g.redisCommandsPerLookupByName())).append('\n');
    }

    private void row(String metric, ModeSummary s, ModeSummary g, ToDoubleFunction<ModeSummary> value) {
        double a = value.applyAsDouble(s);
        double b = value.applyAsDouble(g);
        md.append("| ").append(metric).append(" | ").append(Figures.fmt(a)).append(" | ").append(Figures.fmt(b)).append(" | ")
                .append(Figures.ratio(b, a)).append(" |\n");
    }

    private static String byName(Map<String, Double> perLookup) {
        return perLookup.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.005)
                .map(e -> "`" + e.getKey() + "` " + Figures.fmt(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
