package dev.geodig.bench.lookups;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured round of one variant: what its load generator saw, and the CPU each of its processes
 * used from just before the load to the end of the settling after it.
 *
 * @param jitCpuMs of that CPU, what the JVMs' JIT compiler threads used, all together ({@link ProcessUsage.CpuReading#jitCompilerTicks})
 */
record RoundMeasurement(Variant variant, int concurrency, RoundLoad load, Map<String, Double> cpuMsByProcess, double jitCpuMs) {

    RoundMeasurement {
        cpuMsByProcess = Collections.unmodifiableMap(new LinkedHashMap<>(cpuMsByProcess));
    }

    /** The CPU of all the variant's processes over the round. */
    double totalCpuMs() {
        return cpuMsByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The share of the round's CPU its JVMs' JIT compilers took; 0 for a round that used none. */
    double jitShare() {
        double total = totalCpuMs();
        return total > 0 ? jitCpuMs / total : 0;
    }

    /** CPU milliseconds per process from two readings of clock ticks ({@link ProcessUsage#cpu}). */
    static Map<String, Double> cpuMs(Map<String, Long> ticksBefore, Map<String, Long> ticksAfter, long ticksPerSecond) {
        Map<String, Double> ms = new LinkedHashMap<>();
        ProcessUsage.since(ticksBefore, ticksAfter).forEach((name, ticks) -> ms.put(name, ms(ticks, ticksPerSecond)));
        return ms;
    }

    static double ms(long ticks, long ticksPerSecond) {
        return ticks * 1000.0 / ticksPerSecond;
    }
}
