package dev.geodig.bench.startup;

import java.util.function.ToDoubleFunction;

/**
 * Issue 23's targets, met or not by (a)'s medians. They assume the defaults: 20-second windows at 32
 * connections; with other settings the report still compares against them, and says which settings ran.
 */
enum StartupTarget {
    READY("`./geodig up --no-build` to a ready gateway", "≤ 15 s", 15, true, VariantMedians::readySeconds),
    FIRST_OVER_STEADY("first window's lookups/s over the steady window's", "≥ 0.8", 0.8, false, VariantMedians::firstOverSteady),
    FIRST_P99("first window's p99", "≤ 300 ms", 300, true, m -> m.p99Ms().getFirst()),
    STEADY_THROUGHPUT("steady lookups/s", "≥ 450", 450, false, VariantMedians::steadyLookupsPerSecond),
    STEADY_CPU("steady CPU per lookup, all processes", "≤ 4.5 ms", 4.5, true, m -> m.cpuMsPerLookup().getLast()),
    // 1.3 GB read as 1.3 × 10^9 bytes, the stricter of GB and GiB.
    RSS_AFTER_SOAK("the stack's RSS after the soak", "≤ 1.3 GB (1240 MiB)", 1.3e9 / (1024 * 1024), true, VariantMedians::rssAfterSoakMib),
    AT_REST_P50("one lookup at rest, p50", "≤ 5 ms", 5, true, VariantMedians::atRestP50Ms),
    CLI("`./geodig lookup www.geodig.test`, the CLI JVM included", "≤ 0.5 s", 0.5, true, VariantMedians::cliSeconds);

    final String figure;
    final String limit;
    private final double bound;
    private final boolean atMost;
    private final ToDoubleFunction<VariantMedians> value;

    StartupTarget(String figure, String limit, double bound, boolean atMost, ToDoubleFunction<VariantMedians> value) {
        this.figure = figure;
        this.limit = limit;
        this.bound = bound;
        this.atMost = atMost;
        this.value = value;
    }

    double valueOf(VariantMedians medians) {
        return value.applyAsDouble(medians);
    }

    /** {@code met}, {@code not met}, or {@code not measured} when (a) has no such figure. */
    String verdict(VariantMedians medians) {
        double v = valueOf(medians);
        if (Double.isNaN(v)) {
            return "not measured";
        }
        return (atMost ? v <= bound : v >= bound) ? "met" : "not met";
    }

    /** The table cell beside (a)'s figure: {@code ≤ 15 s: met}. */
    String cell(VariantMedians medians) {
        return limit + ": " + verdict(medians);
    }
}
