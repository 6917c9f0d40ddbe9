package dev.geodig.bench.lookups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rounds of one concurrency: one discarded warm-up round per variant, then rotations of measured
 * rounds in turn (a b c, b c a, c a b, ...) so that drift in the machine's load hits every variant and
 * none always goes first. Each measured round reads its variant's processes' CPU just before the load
 * and again after it plus the settling time. No rotation starts after the run's deadline.
 */
final class Rounds {

    /** Priming goes in steps this long, and ends after the first in which the JIT has settled. */
    static final Duration PRIME_STEP = Duration.ofSeconds(30);

    private final LookupsSettings settings;
    private final List<VariantUnderTest> variants;
    private final long ticksPerSecond;
    private final long deadlineNanos;

    Rounds(LookupsSettings settings, List<VariantUnderTest> variants, long ticksPerSecond, long deadlineNanos) {
        this.settings = settings;
        this.variants = List.copyOf(variants);
        this.ticksPerSecond = ticksPerSecond;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Each variant alone under the highest level's load, discarded, before any level: the services' full JIT
     * compiles the lookup's path only after minutes of it on 2 cores (the load competes with the compiler), and a
     * level measured before that measures the compiler. In steps of {@link #PRIME_STEP}, until a step in which the
     * JVMs' JIT compilers took no more than {@code --prime-until-jit} of the variant's CPU, or {@code --prime} is up.
     *
     * @return for the report: per variant, how long it was primed and how much of its last step's CPU was the JIT
     */
    String prime() throws Exception {
        if (settings.prime().isZero()) {
            return "none";
        }
        List<String> primed = new ArrayList<>();
        int concurrency = settings.concurrencies().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (VariantUnderTest v : variants) {
            Duration left = settings.prime();
            Duration step;
            double jitShare;
            do {
                step = left.compareTo(PRIME_STEP) < 0 ? left : PRIME_STEP;
                RoundMeasurement m = measureOne(v, concurrency, step);
                left = left.minus(step);
                jitShare = m.jitShare();
                log("c=%d priming %s: %s; the JIT compilers %.1f %% of its CPU".formatted(concurrency, settings.label(v.variant()),
                        brief(m.load(), m.totalCpuMs()), 100 * jitShare));
            } while (!left.isZero() && jitShare * 100 > settings.primeUntilJitPercent());
            primed.add(String.format(Locale.ROOT, "%s %d s (the JIT compilers %.1f %% of the last %d s)", settings.label(v.variant()),
                    settings.prime().minus(left).toSeconds(), 100 * jitShare, step.toSeconds()));
        }
        return String.join("; ", primed);
    }

    /** @return the level, or null when the deadline came before its first rotation */
    LookupsReport.Level measure(int concurrency) throws Exception {
        if (System.nanoTime() > deadlineNanos) {
            return null;
        }
        discardRounds("warm-up", concurrency, settings.warmup());
        Map<Variant, List<RoundMeasurement>> kept = new EnumMap<>(Variant.class);
        Map<Variant, List<Double>> ratios = new LinkedHashMap<>();
        for (int r = 0; r < settings.rounds() && (r == 0 || System.nanoTime() < deadlineNanos); r++) {
            Map<Variant, RoundMeasurement> rotation = new EnumMap<>(Variant.class);
            for (int i = 0; i < variants.size(); i++) {
                VariantUnderTest v = variants.get((i + r) % variants.size());
                RoundMeasurement m = measureOne(v, concurrency, settings.round());
                rotation.put(v.variant(), m);
                kept.computeIfAbsent(v.variant(), k -> new ArrayList<>()).add(m);
                log("c=%d round %d %s: %s".formatted(concurrency, r + 1, settings.label(v.variant()),
                        brief(m.load(), m.totalCpuMs())));
            }
            double traced = rotation.get(Variant.TRACED).load().lookupsPerSecond();
            for (Variant other : List.of(Variant.UNTRACED, Variant.FLOOR)) {
                ratios.computeIfAbsent(other, k -> new ArrayList<>()).add(traced / rotation.get(other).load().lookupsPerSecond());
            }
        }
        Map<Variant, VariantSummary> summaries = new EnumMap<>(Variant.class);
        kept.forEach((variant, rounds) -> summaries.put(variant, VariantSummary.of(variant, rounds)));
        return new LookupsReport.Level(concurrency, summaries, ratios);
    }

    /** One round per variant whose figures are only logged: it runs for what it leaves behind (compiled code). */
    private void discardRounds(String what, int concurrency, Duration duration) throws Exception {
        for (VariantUnderTest v : variants) {
            RoundLoad load = v.load().run(concurrency, duration);
            log("c=%d %s %s: %s".formatted(concurrency, what, settings.label(v.variant()), brief(load, Double.NaN)));
        }
    }

    private RoundMeasurement measureOne(VariantUnderTest v, int concurrency, Duration duration) throws Exception {
        ProcessUsage.CpuReading before = ProcessUsage.cpu(v.processes());
        RoundLoad load = v.load().run(concurrency, duration);
        // The traced topology exports its spans after a delay; their CPU belongs to this round.
        Thread.sleep(settings.settle());
        ProcessUsage.CpuReading after = ProcessUsage.cpu(v.processes());
        return new RoundMeasurement(v.variant(), concurrency, load,
                RoundMeasurement.cpuMs(before.ticksByProcess(), after.ticksByProcess(), ticksPerSecond),
                RoundMeasurement.ms(after.jitCompilerTicks() - before.jitCompilerTicks(), ticksPerSecond));
    }

    /** @param cpuMs the round's CPU, or NaN for a discarded round, whose CPU is not read */
    private static String brief(RoundLoad load, double cpuMs) {
        String cpu = Double.isNaN(cpuMs) ? "" : String.format(Locale.ROOT, ", CPU %.2f ms/lookup", cpuMs / Math.max(load.successes(), 1));
        return String.format(Locale.ROOT, "%d lookups in %.1f s, %.0f/s, p50 %.2f ms, p99 %.2f ms%s, non-success %d",
                load.successes(), load.durationNanos() / 1e9, load.lookupsPerSecond(), load.p50Ms(), load.p99Ms(), cpu,
                load.nonSuccess());
    }

    static void log(String message) {
        System.out.println("bench: " + message);
    }
}
