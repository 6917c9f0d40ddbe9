package dev.geodig.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.geodig.bench.lookups.RoundLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up benchmark's parsing, arithmetic and report only; nothing here starts or measures anything. */
class StartupArithmeticTest {

    @Test
    void defaultsAreTheIssuesAndQuickIsASmokeRun() {
        StartupSettings full = StartupSettings.parse("--root=/repo", "--state-root=/state/bench");
        assertThat(full.runs()).isEqualTo(2);
        assertThat(full.windows()).isEqualTo(6);
        assertThat(full.window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(full.connections()).isEqualTo(32);
        assertThat(full.atRest()).isEqualTo(40);
        assertThat(full.soak()).isEqualTo(Duration.ofSeconds(120));
        assertThat(full.budget()).isEqualTo(Duration.ofMinutes(40));
        assertThat(full.stateDir(StartupVariant.A)).isEqualTo(Path.of("/state/bench/startup-a"));
        assertThat(full.stateDir(StartupVariant.B)).isEqualTo(Path.of("/state/bench/startup-b"));
        assertThat(full.topology()).isEqualTo(Path.of("/repo/deploy/topology.env"));
        assertThat(full.output()).isEqualTo(Path.of("/repo/bench/target/startup.md"));

        StartupSettings quick = StartupSettings.parse("--quick", "--root=/repo");
        assertThat(quick.runs()).isEqualTo(1);
        assertThat(quick.windows()).isEqualTo(2);
        assertThat(quick.soak()).isEqualTo(Duration.ofSeconds(20));
        StartupSettings given = StartupSettings.parse("--quick", "--runs=3", "--windows=4", "--window=10", "--connections=8", "--at-rest=5",
                "--soak=0", "--max-minutes=12");
        assertThat(List.of(given.runs(), given.windows(), given.connections(), given.atRest())).containsExactly(3, 4, 8, 5);
        assertThat(given.window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(given.soak()).isZero();
        assertThat(given.budget()).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void settingsOutOfRangeOrUnknownAreRefused() {
        assertThatThrownBy(() -> StartupSettings.parse("--windows=1")).hasMessageContaining("--windows");
        assertThatThrownBy(() -> StartupSettings.parse("--runs=0")).hasMessageContaining("--runs");
        assertThatThrownBy(() -> StartupSettings.parse("--window=2")).hasMessageContaining("--window");
        assertThatThrownBy(() -> StartupSettings.parse("--connections=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> StartupSettings.parse("--concurrency=8")).hasMessageContaining("unknown setting --concurrency");
        assertThatThrownBy(() -> StartupSettings.parse("--baseline-root=/nowhere")).hasMessageContaining("no executable ./geodig");
    }

    @Test
    void bIsTheCacheOffByDefaultAndTheOtherCheckoutWithABaseline(@TempDir Path before) throws Exception {
        StartupSettings plain = StartupSettings.parse("--root=/repo");
        assertThat(plain.environment(StartupVariant.A)).isEqualTo(Map.of("GEODIG_AOT_CACHE", "on"));
        assertThat(plain.environment(StartupVariant.B)).isEqualTo(Map.of("GEODIG_AOT_CACHE", "off"));
        assertThat(plain.launcher(StartupVariant.B)).isEqualTo(Path.of("/repo/geodig"));
        assertThat(plain.label(StartupVariant.B)).isEqualTo("(b) AOT cache off");
        assertThat(List.of(plain.offset(StartupVariant.A), plain.offset(StartupVariant.B))).containsExactly(10_000, 11_000);

        Path launcher = Files.createFile(before.resolve("geodig"));
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        StartupSettings baseline = StartupSettings.parse("--root=/repo", "--baseline-root=" + before);
        assertThat(baseline.environment(StartupVariant.B)).isEmpty();
        assertThat(baseline.launcher(StartupVariant.B)).isEqualTo(launcher);
        assertThat(baseline.launcher(StartupVariant.A)).isEqualTo(Path.of("/repo/geodig"));
        assertThat(baseline.topology(StartupVariant.B)).isEqualTo(before.resolve("deploy/topology.env"));
        assertThat(baseline.label(StartupVariant.B)).isEqualTo("(b) baseline");
        assertThat(StartupSettings.userArguments("--root=/repo", "--quick", "--state-root=/s", "--topology=/t", "--runs=3"))
                .isEqualTo("--quick --runs=3");
    }

    @Test
    void aWindowsCpuIsAllTheTicksOverItsSuccessfulLookups() {
        // 20 s, 9000 lookups, 3600 ticks at 100 per second = 36 s of CPU = 4 ms per lookup.
        WarmupWindow w = WarmupWindow.of(new RoundLoad(9000, 3, 20_000_000_000L, 2.5, 120.0, 5000), 3600, 100);
        assertThat(w.lookupsPerSecond()).isEqualTo(450.0);
        assertThat(w.cpuMsPerLookup()).isCloseTo(4.0, within(1e-12));
        assertThat(w.p99Ms()).isEqualTo(120.0);
        assertThat(w.nonSuccess()).isEqualTo(3);
        assertThat(WarmupWindow.of(new RoundLoad(0, 5, 20_000_000_000L, 0, 0, 0), 100, 100).cpuMsPerLookup()).isNaN();
    }

    @Test
    void atRestPercentilesAreNearestRankOfTheSuccessfulLookups() {
        AtRestLatency latency = AtRestLatency.of(new long[] {9000, 1000, 4000, 2000, 3000, 6000, 5000, 8000, 7000, 10_000}, 2);
        assertThat(latency.lookups()).isEqualTo(10);
        assertThat(latency.failures()).isEqualTo(2);
        assertThat(latency.p50Ms()).isEqualTo(5.0);
        assertThat(latency.p90Ms()).isEqualTo(9.0);
        assertThat(AtRestLatency.of(new long[0], 40).p50Ms()).isNaN();
    }

    @Test
    void anAtRestLookupSucceedsAsWrksScriptCountsOne() {
        assertThat(AtRestProbe.succeeded(200, "{\"locations\":[{\"status\":\"success\"},{\"status\":\"success\"}]}")).isTrue();
        assertThat(AtRestProbe.succeeded(200, "{\"locations\":[{\"status\":\"success\"},{\"status\":\"timeout\"}]}")).isFalse();
        assertThat(AtRestProbe.succeeded(200, "{}")).isFalse();
        assertThat(AtRestProbe.succeeded(503, "{\"status\":\"success\"}")).isFalse();
    }

    @Test
    void mediansOverStartsAndFailuresAddedUp() {
        List<StartupFigures> starts = List.of(
                start(StartupVariant.A, 1, 12, List.of(300, 500), 0.04, 1100),
                start(StartupVariant.A, 2, 10, List.of(420, 500), 0.06, 1000),
                start(StartupVariant.A, 3, 20, List.of(450, 600), 0.05, 1200));
        VariantMedians m = VariantMedians.of(starts, 2);
        assertThat(m.starts()).isEqualTo(3);
        assertThat(m.readySeconds()).isEqualTo(12.0);
        assertThat(m.lookupsPerSecond()).containsExactly(420.0, 500.0);
        // Per start 0.6, 0.84 and 0.75: the median of the ratios, not the ratio of the medians (0.84).
        assertThat(m.firstOverSteady()).isCloseTo(0.75, within(1e-12));
        assertThat(m.cliSeconds()).isCloseTo(0.05, within(1e-12));
        assertThat(m.rssAfterSoakMib()).isEqualTo(1100.0);
        assertThat(m.nonSuccess()).containsExactly(3L, 0L);
        assertThat(starts.getFirst().failures()).isEqualTo(1 + 1 + 1);

        VariantMedians none = VariantMedians.of(List.of(), 2);
        assertThat(none.readySeconds()).isNaN();
        assertThat(none.lookupsPerSecond()).hasSize(2).allMatch(v -> v.isNaN());
        assertThat(StartupTarget.READY.verdict(none)).isEqualTo("not measured");
    }

    @Test
    void targetsAreMetOrNotByAsMedians() {
        VariantMedians a = VariantMedians.of(List.of(start(StartupVariant.A, 1, 12, List.of(300, 500), 0.6, 1300)), 2);
        assertThat(StartupTarget.READY.verdict(a)).isEqualTo("met");
        assertThat(StartupTarget.FIRST_OVER_STEADY.verdict(a)).isEqualTo("not met");
        assertThat(StartupTarget.STEADY_THROUGHPUT.verdict(a)).isEqualTo("met");
        assertThat(StartupTarget.CLI.verdict(a)).isEqualTo("not met");
        // 1300 MiB is over 1.3 × 10^9 bytes (1239.8 MiB).
        assertThat(StartupTarget.RSS_AFTER_SOAK.verdict(a)).isEqualTo("not met");
        assertThat(StartupTarget.READY.cell(a)).isEqualTo("≤ 15 s: met");
    }

    @Test
    void theReportHasATablePerFigureWithRatiosAndTargets() {
        StartupSettings settings = StartupSettings.parse("--root=/repo", "--windows=2");
        String report = new StartupReport(settings::label, 20, 32).render("# header\n",
                List.of(start(StartupVariant.A, 1, 12, List.of(400, 500), 0.4, 1000)),
                List.of(start(StartupVariant.B, 1, 24, List.of(200, 500), 0.8, 900)), 2, List.of("(b) AOT cache off, start 2: failed: boom"));
        assertThat(report).startsWith("# header\n");
        assertThat(report).contains("| `./geodig up --no-build`, s | 12 | 24 | 0.50 | ≤ 15 s: met |");
        assertThat(report).contains("| 1 (0–20 s) | 400 | 200 | 2.00 | ≥ 0.8 × steady |");
        assertThat(report).contains("| 2 (20–40 s), steady | 500 | 500 | 1.00 | ≥ 450: met |");
        assertThat(report).contains("| first / steady | 0.80 | 0.40 | 2.00 | ≥ 0.8: met |");
        assertThat(report).contains("| median | 0.40 | 0.80 | 0.50 | ≤ 0.5 s: met |");
        assertThat(report).contains("| after the soak | 1000 | 900 | 1.11 | ≤ 1.3 GB (1240 MiB): met |");
        assertThat(report).contains("| window | (a) as up starts it | (b) AOT cache off | (a)/(b) | target for (a) |");
        assertThat(report).contains("- **(b) AOT cache off, start 2: failed: boom**");
    }

    /** Two windows of 20 s with a p99 of 100 and 250 ms; 1 failed lookup in the first window, at rest and in the soak each. */
    private static StartupFigures start(StartupVariant variant, int run, double ready, List<Integer> lookupsPerSecond, double cli,
            double rssAfterSoak) {
        List<WarmupWindow> windows = List.of(new WarmupWindow(lookupsPerSecond.get(0) * 20L, 1, 20, 250, lookupsPerSecond.get(0) * 20 * 5.0),
                new WarmupWindow(lookupsPerSecond.get(1) * 20L, 0, 20, 100, lookupsPerSecond.get(1) * 20 * 4.0));
        return new StartupFigures(variant, run, ready, windows, new AtRestLatency(40, 1, 4.0, 6.0), List.of(cli, cli + 0.1, cli - 0.01), 0,
                500, 800, rssAfterSoak, 1);
    }
}
