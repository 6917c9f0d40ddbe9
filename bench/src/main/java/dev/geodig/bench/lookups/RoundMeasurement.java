package dev.geodig.bench.lookups;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured round of one variant: what its load generator saw, and the CPU each of its processes
 * used from just before the load to the end of the settling after it.
 */
record RoundMeasurement(Variant variant, int concurrency, RoundLoad load, Map<String, Double> cpuMsByProcess) {

    RoundMeasurement {
        cpuMsByProcess = Collections.unmodifiableMap(new LinkedHashMap<>(cpuMsByProcess));
    }

    /** CPU milliseconds per process from two readings of clock ticks ({@link ProcessUsage#cpuTicks}). */
    static Map<String, Double> cpuMs(Map<String, Long> ticksBefore, Map<String, Long> ticksAfter, long ticksPerSecond) {
        Map<String, Double> ms = new LinkedHashMap<>();
        ProcessUsage.since(ticksBefore, ticksAfter).forEach((name, ticks) -> ms.put(name, ticks * 1000.0 / ticksPerSecond));
        return ms;
    }
}
