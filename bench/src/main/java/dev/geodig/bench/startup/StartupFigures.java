package dev.geodig.bench.startup;

import dev.geodig.bench.Figures;
import java.util.List;

/**
 * What one start of one variant measured, from {@code ./geodig up} to the soak's end.
 *
 * @param run 1, 2, ...: the start's number among its variant's
 * @param readySeconds wall time of {@code ./geodig up --no-build}, which returns when every component is ready
 * @param windows the warm-up curve, from the first request; the last one is "steady"
 * @param cliSeconds wall time of each {@code ./geodig lookup www.geodig.test} that exited 0
 * @param cliFailures runs of the CLI that exited otherwise (a partial answer, an error)
 * @param rssAfterUpMib the stack's RSS (every process, whole groups) when up returned
 * @param soakNonSuccess lookups of the soak that were not a success
 */
record StartupFigures(StartupVariant variant, int run, double readySeconds, List<WarmupWindow> windows, AtRestLatency atRest,
        List<Double> cliSeconds, int cliFailures, double rssAfterUpMib, double rssAfterWarmupMib, double rssAfterSoakMib,
        long soakNonSuccess) {

    StartupFigures {
        windows = List.copyOf(windows);
        cliSeconds = List.copyOf(cliSeconds);
    }

    WarmupWindow first() {
        return windows.getFirst();
    }

    WarmupWindow steady() {
        return windows.getLast();
    }

    /** How close the first window comes to the steady one: the target is ≥ 0.8. */
    double firstOverSteady() {
        double steady = steady().lookupsPerSecond();
        return steady == 0 ? Double.NaN : first().lookupsPerSecond() / steady;
    }

    double cliMedianSeconds() {
        return Figures.median(cliSeconds);
    }

    /** Every measured lookup that failed: the windows', the at-rest ones, the CLI's and the soak's. */
    long failures() {
        return windows.stream().mapToLong(WarmupWindow::nonSuccess).sum() + atRest.failures() + cliFailures + soakNonSuccess;
    }
}
