package dev.geodig.bench;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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

    /** A figure compared per level: its name in the table and how to read it from a summary. */
    private record Metric(String name, ToDoubleFunction<ModeSummary> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("throughput (lookups/s)", ModeSummary::lookupsPerSecond),
            new Metric("latency p50 (ms)", ModeSummary::p50Ms),
            new Metric("latency p95 (ms)", ModeSummary::p95Ms),
            new Metric("latency p99 (ms)", ModeSummary::p99Ms),
            new Metric("lookups that took ≥ 1 s", ModeSummary::slowLookups),
            new Metric("non-success lookups", ModeSummary::nonSuccessCount),
            new Metric("Redis commands per lookup", ModeSummary::redisCommandsPerLookup),
            new Metric("Redis CPU per lookup (µs)", ModeSummary::redisCpuMicrosPerLookup),
            new Metric("JVM CPU per lookup, whole JVM (µs)", ModeSummary::jvmCpuMicrosPerLookup),
            new Metric("JVM allocation per lookup, whole JVM (KiB)", ModeSummary::jvmAllocatedKibPerLookup),
            new Metric("peak consumer groups on dns:results", ModeSummary::peakResultGroups),
            new Metric("peak Redis connections", ModeSummary::peakClients),
            new Metric("peak Redis used_memory (MiB)", m -> mebibytes(m.peakUsedMemory())));

    private final StringBuilder md = new StringBuilder();

    String render(String header, List<Level> levels, List<Aftermath> after) {
        md.append(header).append('\n');
        for (Level level : levels) {
            level(level);
        }
        Aftermath a = after.get(0);
        Aftermath b = after.get(1);
        md.append("\n## After the run\n\n| | ").append(SHARED).append(" | ").append(GROUP).append(" |\n|---|---:|---:|\n");
        afterRow("consumer groups left on `dns:results`", a.resultGroups(), b.resultGroups());
        afterRow("Redis `used_memory` (MiB)", Figures.fmt(mebibytes(a.usedMemory())), Figures.fmt(mebibytes(b.usedMemory())));
        afterRow("Redis `connected_clients` (idle)", a.connectedClients(), b.connectedClients());
        return md.toString();
    }

    private void level(Level level) {
        ModeSummary s = level.shared();
        ModeSummary g = level.group();
        md.append("\n## ").append(level.concurrency()).append(level.concurrency() == 1 ? " client" : " concurrent clients")
                .append(" (").append(s.rounds()).append(" rounds × ").append(s.lookups() / Math.max(s.rounds(), 1))
                .append(" lookups per mode)\n\n");
        md.append("| metric | ").append(SHARED).append(" | ").append(GROUP).append(" | ratio group/shared |\n|---|---:|---:|---:|\n");
        for (Metric metric : METRICS) {
            double a = metric.value().applyAsDouble(s);
            double b = metric.value().applyAsDouble(g);
            md.append("| ").append(metric.name()).append(" | ").append(Figures.fmt(a)).append(" | ").append(Figures.fmt(b)).append(" | ")
                    .append(Figures.ratio(b, a)).append(" |\n");
        }
        List<Double> ratios = level.pairedThroughputRatios().stream().sorted().toList();
        md.append("\nThroughput ratio group/shared of each back-to-back pair of rounds: ")
                .append(ratios.stream().map(Figures::fmt).collect(Collectors.joining(", ")))
                .append(" (median ").append(Figures.fmt(Figures.median(ratios))).append(").");
        if (s.cappedRounds() + g.cappedRounds() > 0) {
            bothModes(" Rounds that hit the time cap: ", s.cappedRounds(), g.cappedRounds());
        }
        if (s.nonSuccessCount() + g.nonSuccessCount() > 0) {
            bothModes(" Non-success: ", s.nonSuccess(), g.nonSuccess());
        }
        md.append("\n\nRedis commands per lookup by name (workers' included):\n");
        md.append("- ").append(SHARED).append(": ").append(byName(s.redisCommandsPerLookupByName())).append('\n');
        md.append("- ").append(GROUP).append(": ").append(byName(g.redisCommandsPerLookupByName())).append('\n');
    }

    private void afterRow(String figure, Object shared, Object group) {
        md.append("| ").append(figure).append(" | ").append(shared).append(" | ").append(group).append(" |\n");
    }

    /** {@code label}, then each mode's value: "shared-reader 1, group-per-request 0." */
    private void bothModes(String label, Object shared, Object group) {
        md.append(label).append(SHARED).append(' ').append(shared).append(", ").append(GROUP).append(' ').append(group).append('.');
    }

    private static double mebibytes(long bytes) {
        return bytes / 1048576.0;
    }

    /** The report's title and what it was measured with: command, settings, machine, JVM, Redis. */
    static String header(BenchSettings settings, String argLine, String redisVersion, String tookSeconds) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        return """
                # Results gathering: shared-reader vs group-per-request

                Command: `./geodig bench results-modes%s` (run %s, took %s s). Settings: %s. Request: the demo's (`www.geodig.test`, \
                3 locations, A + AAAA), POSTed to each orchestrator's `/internal/v1/lookups`.

                Machine: %d CPUs, %s memory, %s %s (%s), JVM options `%s`, Redis %s, the demo DNS on 127.0.0.1 (Unbound caching per client subnet in front of Knot; each worker sends its location's subnet).

                Ratios are group-per-request / shared-reader: above 1 means group-per-request has more of it \
                (slower for latency, costlier for commands/CPU/memory, faster for throughput). The two modes ran \
                in alternating rounds in this one run; each mode had its own Redis and workers.
                """.formatted(argLine.isBlank() ? "" : " " + argLine, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                tookSeconds, settings.describe(), Runtime.getRuntime().availableProcessors(), Machine.memory(),
                runtime.getVmName(), runtime.getVmVersion(), runtime.getVmVendor(),
                String.join(" ", runtime.getInputArguments()), redisVersion);
    }

    private static String byName(Map<String, Double> perLookup) {
        return perLookup.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.005)
                .map(e -> "`" + e.getKey() + "` " + Figures.fmt(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
