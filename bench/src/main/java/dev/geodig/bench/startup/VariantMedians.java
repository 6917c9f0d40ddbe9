package dev.geodig.bench.startup;

import dev.geodig.bench.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A variant's figures over its starts: each the median of the starts' own (a start is one sample of a start-up,
 * and starts vary more than they average); failures are added up instead, since one is one too many. NaN where
 * no start was measured.
 *
 * @param lookupsPerSecond per window, from the first
 * @param nonSuccess per window, summed over the starts
 * @param firstOverSteady the median of each start's first window's lookups/s over its last's
 * @param cliSeconds the median of each start's median
 */
record VariantMedians(int starts, double readySeconds, List<Double> lookupsPerSecond, List<Double> p99Ms, List<Double> cpuMsPerLookup,
        List<Long> nonSuccess, double firstOverSteady, double atRestP50Ms, double atRestP90Ms, long atRestFailures, double cliSeconds,
        long cliFailures, double rssAfterUpMib, double rssAfterWarmupMib, double rssAfterSoakMib, long soakNonSuccess) {

    VariantMedians {
        lookupsPerSecond = List.copyOf(lookupsPerSecond);
        p99Ms = List.copyOf(p99Ms);
        cpuMsPerLookup = List.copyOf(cpuMsPerLookup);
        nonSuccess = List.copyOf(nonSuccess);
    }

    /** @param windows how many windows each start has: the lists are that long even when no start was measured */
    static VariantMedians of(List<StartupFigures> starts, int windows) {
        List<Double> lookupsPerSecond = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Long> nonSuccess = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            int w = i;
            lookupsPerSecond.add(median(starts, s -> s.windows().get(w).lookupsPerSecond()));
            p99.add(median(starts, s -> s.windows().get(w).p99Ms()));
            cpu.add(median(starts, s -> s.windows().get(w).cpuMsPerLookup()));
            nonSuccess.add(starts.stream().mapToLong(s -> s.windows().get(w).nonSuccess()).sum());
        }
        return new VariantMedians(starts.size(), median(starts, StartupFigures::readySeconds), lookupsPerSecond, p99, cpu, nonSuccess,
                median(starts, StartupFigures::firstOverSteady), median(starts, s -> s.atRest().p50Ms()),
                median(starts, s -> s.atRest().p90Ms()), starts.stream().mapToLong(s -> s.atRest().failures()).sum(),
                median(starts, StartupFigures::cliMedianSeconds), starts.stream().mapToLong(StartupFigures::cliFailures).sum(),
                median(starts, StartupFigures::rssAfterUpMib), median(starts, StartupFigures::rssAfterWarmupMib),
                median(starts, StartupFigures::rssAfterSoakMib), starts.stream().mapToLong(StartupFigures::soakNonSuccess).sum());
    }

    /** The median over the starts, leaving out a start without the figure (NaN: e.g. no CLI run succeeded). */
    static double median(List<StartupFigures> starts, ToDoubleFunction<StartupFigures> figure) {
        return Figures.median(starts.stream().map(figure::applyAsDouble).filter(v -> !Double.isNaN(v)).toList());
    }

    double firstLookupsPerSecond() {
        return lookupsPerSecond.getFirst();
    }

    double steadyLookupsPerSecond() {
        return lookupsPerSecond.getLast();
    }
}
