package dev.geodig.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * One mode at one concurrency over its measured rounds: latencies pooled, counts summed and divided
 * by the lookups that completed, peaks the largest of any round.
 */
record ModeSummary(String mode, int concurrency, int rounds, int cappedRounds, int lookups, double lookupsPerSecond,
        double p50Ms, double p95Ms, double p99Ms, int slowLookups, Map<String, Integer> nonSuccess, double redisCommandsPerLookup,
        Map<String, Double> redisCommandsPerLookupByName, double redisCpuMicrosPerLookup, double jvmCpuMicrosPerLookup,
        double jvmAllocatedKibPerLookup, int peakResultGroups, int peakClients, long peakUsedMemory) {

    /** A lookup this slow waited on something other than gathering (a lost DNS answer costs 2 s). */
    static final long SLOW_NANOS = 1_000_000_000L;

    static ModeSummary of(List<RoundResult> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        RoundResult first = rounds.getFirst();
        int lookups = rounds.stream().mapToInt(RoundResult::completed).sum();
        long wall = rounds.stream().mapToLong(RoundResult::wallNanos).sum();
        Percentiles latency = new Percentiles(rounds.stream().flatMapToLong(r -> LongStream.of(r.latenciesNanos())).toArray());
        Map<String, Integer> nonSuccess = new TreeMap<>();
        Map<String, Long> commands = new TreeMap<>();
        for (RoundResult round : rounds) {
            round.nonSuccess().forEach((kind, n) -> nonSuccess.merge(kind, n, Integer::sum));
            round.redisCommands().forEach((name, n) -> commands.merge(name, n, Long::sum));
        }
        double perLookup = lookups == 0 ? Double.NaN : 1.0 / lookups;
        Map<String, Double> byName = new TreeMap<>();
        commands.forEach((name, n) -> byName.put(name, n * perLookup));
        boolean allocKnown = rounds.stream().allMatch(r -> r.jvmAllocatedBytes() >= 0);
        return new ModeSummary(first.mode(), first.concurrency(), rounds.size(),
                (int) rounds.stream().filter(RoundResult::capped).count(), lookups, lookups / (wall / 1e9),
                latency.of(50) / 1e6, latency.of(95) / 1e6, latency.of(99) / 1e6,
                (int) rounds.stream().flatMapToLong(r -> LongStream.of(r.latenciesNanos())).filter(n -> n >= SLOW_NANOS).count(),
                nonSuccess,
                commands.values().stream().mapToLong(Long::longValue).sum() * perLookup, byName,
                rounds.stream().mapToDouble(RoundResult::redisCpuSeconds).sum() * 1e6 * perLookup,
                rounds.stream().mapToLong(RoundResult::jvmCpuNanos).sum() / 1e3 * perLookup,
                allocKnown ? rounds.stream().mapToLong(RoundResult::jvmAllocatedBytes).sum() / 1024.0 * perLookup : Double.NaN,
                rounds.stream().mapToInt(RoundResult::peakResultGroups).max().orElse(0),
                rounds.stream().mapToInt(RoundResult::peakClients).max().orElse(0),
                rounds.stream().mapToLong(RoundResult::peakUsedMemory).max().orElse(0));
    }

    int nonSuccessCount() {
        return nonSuccess.values().stream().mapToInt(Integer::intValue).sum();
    }
}
