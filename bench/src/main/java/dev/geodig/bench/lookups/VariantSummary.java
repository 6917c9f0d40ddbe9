package dev.geodig.bench.lookups;

import dev.geodig.bench.Figures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One variant's measured rounds at one concurrency, summed up. Throughput and CPU per lookup pool the
 * rounds (all lookups over all their time); latency percentiles are the median of the rounds' own,
 * because wrk reports percentiles per run, not its samples.
 *
 * @param cpuMsPerLookup per process: its CPU over all rounds / successful lookups (= CPU seconds per 1000 lookups)
 * @param jitCpuMsPerLookup of the processes' CPU per lookup, their JIT compilers' (already in {@code cpuMsPerLookup})
 * @param loadGeneratorCpuMsPerLookup wrk's own CPU per lookup, not part of the total; NaN for the floor
 */
record VariantSummary(Variant variant, int rounds, long lookups, long nonSuccess, double lookupsPerSecond, double p50Ms,
        double p99Ms, Map<String, Double> cpuMsPerLookup, double jitCpuMsPerLookup, double loadGeneratorCpuMsPerLookup) {

    VariantSummary {
        cpuMsPerLookup = Collections.unmodifiableMap(new LinkedHashMap<>(cpuMsPerLookup));
    }

    static VariantSummary of(Variant variant, List<RoundMeasurement> rounds) {
        long lookups = rounds.stream().mapToLong(r -> r.load().successes()).sum();
        long nonSuccess = rounds.stream().mapToLong(r -> r.load().nonSuccess()).sum();
        double seconds = rounds.stream().mapToLong(r -> r.load().durationNanos()).sum() / 1e9;
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (RoundMeasurement round : rounds) {
            round.cpuMsByProcess().forEach((name, ms) -> cpu.merge(name, ms, Double::sum));
        }
        cpu.replaceAll((name, ms) -> perLookup(ms, lookups));
        double jit = rounds.stream().mapToDouble(RoundMeasurement::jitCpuMs).sum();
        double loadGenerator = rounds.stream().mapToDouble(r -> r.load().loadGeneratorCpuMs()).sum();
        return new VariantSummary(variant, rounds.size(), lookups, nonSuccess, seconds == 0 ? Double.NaN : lookups / seconds,
                Figures.median(rounds.stream().map(r -> r.load().p50Ms()).toList()),
                Figures.median(rounds.stream().map(r -> r.load().p99Ms()).toList()),
                cpu, perLookup(jit, lookups), perLookup(loadGenerator, lookups));
    }

    /** Every measured process's CPU per lookup, added up (the load generator's left out). */
    double totalCpuMsPerLookup() {
        return cpuMsPerLookup.isEmpty() ? Double.NaN : cpuMsPerLookup.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double perLookup(double ms, long lookups) {
        return lookups == 0 ? Double.NaN : ms / lookups;
    }
}
