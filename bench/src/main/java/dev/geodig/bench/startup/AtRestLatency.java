package dev.geodig.bench.startup;

import dev.geodig.bench.Percentiles;

/**
 * The at-rest lookups' latency: nearest-rank percentiles of the successful ones.
 *
 * @param failures lookups that were not a success (as {@code bench/wrk/lookup.lua} counts one) or got no answer
 */
record AtRestLatency(int lookups, int failures, double p50Ms, double p90Ms) {

    static AtRestLatency of(long[] successMicros, int failures) {
        Percentiles p = new Percentiles(successMicros);
        return new AtRestLatency(p.count(), failures, p.of(50) / 1000, p.of(90) / 1000);
    }
}
