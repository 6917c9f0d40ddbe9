package dev.geodig.bench;

import java.util.Map;

/**
 * One mode's measurements of one round.
 *
 * @param completed lookups that got an answer (any status); latencies has one entry per completed lookup
 * @param nonSuccess lookups that did not end in a {@code success} report, by what they got instead
 * @param capped the round hit its time cap before sending all its lookups
 * @param redisCommands Redis commands by name during the round (workers' included, the probe's not)
 * @param redisCpuSeconds CPU the mode's Redis used during the round
 * @param jvmCpuNanos CPU of this whole JVM (both stacks, workers, clients) during the round
 * @param jvmAllocatedBytes heap allocated by this whole JVM during the round; -1 if the JVM cannot tell
 * @param peakResultGroups most consumer groups seen on {@code dns:results} while the round ran (sampled)
 * @param peakClients most connections to the mode's Redis seen while the round ran (sampled)
 * @param peakUsedMemory most {@code used_memory} of the mode's Redis seen while the round ran (sampled)
 */
record RoundResult(String mode, int concurrency, int completed, long wallNanos, long[] latenciesNanos,
        Map<String, Integer> nonSuccess, boolean capped, Map<String, Long> redisCommands, double redisCpuSeconds,
        long jvmCpuNanos, long jvmAllocatedBytes, int peakResultGroups, int peakClients, long peakUsedMemory) {

    int nonSuccessCount() {
        return nonSuccess.values().stream().mapToInt(Integer::intValue).sum();
    }

    long redisCommandCount() {
        return redisCommands.values().stream().mapToLong(Long::longValue).sum();
    }

    double lookupsPerSecond() {
        return completed / (wallNanos / 1e9);
    }
}
