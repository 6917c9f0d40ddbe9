package dev.geodig.bench.startup;

import dev.geodig.bench.lookups.RoundLoad;

/**
 * One window of the warm-up curve: wrk's load for {@code --window} seconds and the CPU all the topology's
 * processes took meanwhile.
 *
 * @param lookups successful lookups (HTTP 200, every status {@code success})
 * @param nonSuccess every other outcome: other answers, non-2xx, connection errors, timeouts
 * @param seconds how long wrk loaded
 * @param p99Ms wrk's 99th percentile latency of the window
 * @param cpuMs CPU of every process of the topology (whole process groups) over the window
 */
record WarmupWindow(long lookups, long nonSuccess, double seconds, double p99Ms, double cpuMs) {

    /** @param cpuTicks the processes' CPU ticks at the window's end minus at its start */
    static WarmupWindow of(RoundLoad load, long cpuTicks, long ticksPerSecond) {
        return new WarmupWindow(load.successes(), load.nonSuccess(), load.durationNanos() / 1e9, load.p99Ms(),
                cpuTicks * 1000.0 / ticksPerSecond);
    }

    double lookupsPerSecond() {
        return seconds == 0 ? Double.NaN : lookups / seconds;
    }

    /** = CPU seconds per 1000 lookups; NaN when none succeeded. */
    double cpuMsPerLookup() {
        return lookups == 0 ? Double.NaN : cpuMs / lookups;
    }
}
