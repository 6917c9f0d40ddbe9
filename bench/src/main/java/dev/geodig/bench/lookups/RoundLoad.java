package dev.geodig.bench.lookups;

/**
 * What one round of load did, as its load generator saw it.
 *
 * @param successes lookups answered HTTP 200 with every status {@code success} (the floor: every command and query answered)
 * @param nonSuccess every other outcome: other answers, HTTP errors, connection errors, timeouts
 * @param p50Ms median latency of the round's lookups
 * @param p99Ms 99th percentile latency of the round's lookups
 * @param loadGeneratorCpuMs CPU the load generator itself used (wrk); NaN where it is the measured process (the floor)
 */
public record RoundLoad(long successes, long nonSuccess, long durationNanos, double p50Ms, double p99Ms, double loadGeneratorCpuMs) {

    public double lookupsPerSecond() {
        return durationNanos == 0 ? Double.NaN : successes / (durationNanos / 1e9);
    }
}
