package dev.geodig.bench.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.geodig.bench.lookups.ProcessUsage.MeasuredProcess;
import dev.geodig.bench.lookups.ProcessUsage.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-level benchmark's reading and arithmetic only; nothing here measures anything. */
class LookupsArithmeticTest {

    private static final String WRK_OUTPUT = """
            Running 15s test @ http://127.0.0.1:18080/api/v1/dns/lookup
              2 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    30.12ms   10.01ms 120.50ms   80.00%
              3000 requests in 15.00s, 4.50MB read
            Requests/sec:    200.00
            geodig-bench-wrk duration_us=15000000 requests=3000 success=2990 failure=10 connect_errors=1 read_errors=2 \
            write_errors=0 timeouts=3 p50_us=28500 p90_us=41000 p99_us=97250 max_us=120500
            0m0.001s 0m0.002s
            1m2.500s 0m1.250s
            """;

    @Test
    void wrkSummaryIsReadFromTheScriptsLine() {
        WrkSummary summary = WrkSummary.parse(WRK_OUTPUT);
        assertThat(summary.requests()).isEqualTo(3000);
        assertThat(summary.successes()).isEqualTo(2990);
        assertThat(summary.nonSuccess()).isEqualTo(10 + 1 + 2 + 0 + 3);
        RoundLoad round = summary.toRound(WrkSummary.childCpuMillis(WRK_OUTPUT));
        assertThat(round.durationNanos()).isEqualTo(15_000_000_000L);
        assertThat(round.p50Ms()).isEqualTo(28.5);
        assertThat(round.p99Ms()).isEqualTo(97.25);
        assertThat(round.lookupsPerSecond()).isCloseTo(2990 / 15.0, within(1e-9));
        // The second line of `times` is the children's (wrk's) user and system time: 62.5 s + 1.25 s.
        assertThat(round.loadGeneratorCpuMs()).isCloseTo(63_750, within(1e-6));
    }

    @Test
    void wrkOutputWithoutTheLineIsRefused() {
        assertThatThrownBy(() -> WrkSummary.parse("Running 1s test\nunable to connect to 127.0.0.1:18080 Connection refused\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WrkSummary.parse("geodig-bench-wrk duration_us=1 requests=2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("success");
        assertThat(WrkSummary.childCpuMillis("no times here")).isNaN();
    }

    @Test
    void procStatIsReadAfterTheLastParenthesisOfTheCommandName() {
        // comm "(java) x)" holds a space and parentheses; utime 100, stime 50, cutime 7, cstime 3; pgrp 4242.
        Stat stat = Stat.parse("4243 ((java) x)) S 4242 4242 4242 0 -1 4194560 1000 0 0 0 100 50 7 3 20 0 30 0 123 456 789\n");
        assertThat(stat).isEqualTo(new Stat(4243, "(java) x)", 4242, 160));
        assertThat(stat.isJitCompiler()).isFalse();
        // A JVM's thread, as in /proc/<pid>/task/<tid>/stat: the kernel keeps 15 characters of its name.
        Stat compiler = Stat.parse("4250 (C2 CompilerThre) S 4242 4242 4242 0 -1 4194368 9 0 0 0 2400 13 0 0 20 0 30 0 130 456 789\n");
        assertThat(compiler).isEqualTo(new Stat(4250, "C2 CompilerThre", 4242, 2413));
        assertThat(compiler.isJitCompiler()).isTrue();
        assertThat(Stat.parse("4251 (C1 CompilerThre) S 4242 4242 4242 0 -1 4194368 9 0 0 0 5 1 0 0 20 0 30 0 130 456 789\n")
                .isJitCompiler()).isTrue();
        assertThat(Stat.parse("4252 (VM Thread) S 4242 4242 4242 0 -1 4194368 9 0 0 0 5 1 0 0 20 0 30 0 130 456 789\n")
                .isJitCompiler()).isFalse();
    }

    @Test
    void aProgramCountsAsItsProcessGroupAndAPlainProcessAlone() {
        List<Stat> all = List.of(new Stat(10, "nsd", 10, 100), new Stat(11, "nsd", 10, 40), new Stat(12, "nsd", 10, 2),
                new Stat(20, "jaeger", 1, 500));
        assertThat(ProcessUsage.members(new MeasuredProcess("dns-us-east-1", 10, true), all).stream().mapToLong(Stat::cpuTicks).sum())
                .isEqualTo(142);
        assertThat(ProcessUsage.members(new MeasuredProcess("floor-harness", 10, false), all)).containsExactly(new Stat(10, "nsd", 10, 100));
        assertThatThrownBy(() -> ProcessUsage.members(new MeasuredProcess("redis", 30, true), all))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("redis (pid 30) is gone");
        assertThatThrownBy(() -> ProcessUsage.members(new MeasuredProcess("jaeger", 20, true), all))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("leads no process group");
    }

    @Test
    void residentMemoryAndCpuDeltas() {
        assertThat(ProcessUsage.vmRssKib("Name:\tjava\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n")).isEqualTo(123456);
        assertThat(ProcessUsage.vmRssKib("Name:\tkthreadd\n")).isZero();
        Map<String, Long> before = Map.of("dns-gateway", 1000L, "redis", 50L);
        Map<String, Long> after = new LinkedHashMap<>(Map.of("dns-gateway", 1250L, "redis", 53L, "jaeger", 9L));
        assertThat(ProcessUsage.since(before, after)).containsOnly(Map.entry("dns-gateway", 250L), Map.entry("redis", 3L));
        // 250 ticks at 100 per second: 2.5 s.
        assertThat(RoundMeasurement.cpuMs(before, after, 100)).containsOnly(Map.entry("dns-gateway", 2500.0), Map.entry("redis", 30.0));
    }

    @Test
    void aVariantPoolsItsRoundsAndTakesTheMedianOfTheirPercentiles() {
        VariantSummary s = VariantSummary.of(Variant.TRACED, List.of(
                round(Variant.TRACED, 1000, 10, 2.0, 20.0, Map.of("dns-gateway", 1500.0, "redis", 100.0), 600),
                round(Variant.TRACED, 3000, 10, 4.0, 40.0, Map.of("dns-gateway", 2500.0, "redis", 300.0), 0),
                round(Variant.TRACED, 2000, 10, 3.0, 90.0, Map.of("dns-gateway", 2000.0, "redis", 200.0), 0)));
        assertThat(s.lookups()).isEqualTo(6000);
        assertThat(s.lookupsPerSecond()).isEqualTo(200.0);
        assertThat(s.p50Ms()).isEqualTo(3.0);
        assertThat(s.p99Ms()).isEqualTo(40.0);
        assertThat(s.cpuMsPerLookup()).containsOnly(Map.entry("dns-gateway", 1.0), Map.entry("redis", 0.1));
        assertThat(s.totalCpuMsPerLookup()).isCloseTo(1.1, within(1e-12));
        // The JIT's CPU is part of the processes' (the gateway's here), pooled the same way: 600 ms over 6000 lookups.
        assertThat(s.jitCpuMsPerLookup()).isCloseTo(0.1, within(1e-12));
        assertThat(s.loadGeneratorCpuMsPerLookup()).isCloseTo(0.05, within(1e-12));
        assertThat(VariantSummary.of(Variant.FLOOR, List.of(round(Variant.FLOOR, 0, 1, 1, 1, Map.of("redis", 5.0))))
                .totalCpuMsPerLookup()).isNaN();
    }

    @Test
    void theJitShareOfARoundIsItsCompilersCpuOverAllItsProcesses() {
        RoundMeasurement compiling = round(Variant.TRACED, 1000, 10, 2, 20, Map.of("dns-gateway", 3000.0, "redis", 1000.0), 1000);
        assertThat(compiling.jitShare()).isEqualTo(0.25);
        assertThat(round(Variant.FLOOR, 0, 1, 1, 1, Map.of("redis", 0.0), 0).jitShare()).isZero();
    }

    @Test
    void theReportGivesTheRatiosOfTracedToUntracedAndToTheFloor() {
        Map<Variant, VariantSummary> summaries = new EnumMap<>(Variant.class);
        summaries.put(Variant.TRACED, VariantSummary.of(Variant.TRACED,
                List.of(round(Variant.TRACED, 1000, 10, 6, 60, Map.of("dns-gateway", 3000.0, "redis", 1000.0), 500))));
        summaries.put(Variant.UNTRACED, VariantSummary.of(Variant.UNTRACED,
                List.of(round(Variant.UNTRACED, 2000, 10, 3, 30, Map.of("dns-gateway", 2000.0, "redis", 2000.0), 500))));
        summaries.put(Variant.FLOOR, VariantSummary.of(Variant.FLOOR,
                List.of(round(Variant.FLOOR, 10000, 10, 1.5, 6, Map.of("floor-harness", 4000.0, "redis", 1000.0)))));
        var level = new LookupsReport.Level(8, summaries, Map.of(Variant.UNTRACED, List.of(0.5), Variant.FLOOR, List.of(0.1)));
        String md = new LookupsReport(v -> v.label).render("# header", List.of(level), new LookupsReport.Memory(
                Map.of(Variant.TRACED, Map.of("redis", 10240L)), Map.of(Variant.TRACED, Map.of("redis", 20480L))));
        assertThat(md).contains("| lookups/s | 100 | 200 | 1000 | 0.50 | 0.10 |");
        assertThat(md).contains("| latency p50 (ms) | 6 | 3 | 1.50 | 2.00 | 4.00 |");
        // (a) 4 ms per lookup in all; (b) 2; (c) 0.5.
        assertThat(md).contains("| **CPU ms per lookup, all processes** | 4 | 2 | 0.50 | 2.00 | 8.00 |");
        assertThat(md).contains("| CPU ms per lookup: dns-gateway | 3 | 1 | — | 3.00 | — |");
        assertThat(md).contains("| CPU ms per lookup: redis | 1 | 1 | 0.10 | 1.00 | 10.00 |");
        assertThat(md).contains("| CPU ms per lookup: of all the above, the JVMs' JIT compilers | 0.50 | 0.25 | 0 | 2.00 | — |");
        assertThat(md.indexOf("dns-gateway")).isLessThan(md.indexOf("CPU ms per lookup: redis"));
        assertThat(md).contains("| redis | 10 | 20 | — | — | — | — |");
    }

    @Test
    void statusOfTheLauncherGivesEveryPidAndRefusesAProcessThatIsNotRunning() {
        String status = """
                NAME                       STATE     PID      UPTIME      RESTARTS
                redis                      RUNNING   1201     0:01:02     0
                dns-us-east-1              RUNNING   1202     1 day, 0:01:02 0
                dns-gateway                RUNNING   1300     0:00:40     0
                supervisord                RUNNING   1100     -           -
                gateway readiness (http://127.0.0.1:18080/actuator/health/readiness): HTTP 200
                supervisor: /x/supervisord.conf (supervisorctl -c /x/supervisord.conf ...)
                """;
        assertThat(LaunchedTopology.parseStatus(status)).containsExactly(new MeasuredProcess("redis", 1201, true),
                new MeasuredProcess("dns-us-east-1", 1202, true), new MeasuredProcess("dns-gateway", 1300, true),
                new MeasuredProcess("supervisord", 1100, true));
        assertThatThrownBy(() -> LaunchedTopology.parseStatus(status.replace("RUNNING   1300", "BACKOFF   -")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dns-gateway BACKOFF");
    }

    @Test
    void theFloorReadsFromJustBeforeItsFirstResult() {
        assertThat(StreamIds.before("1700000000000-5")).isEqualTo("1700000000000-4");
        assertThat(StreamIds.before("1700000000000-0")).isEqualTo("1699999999999-18446744073709551615");
        assertThat(StreamIds.before("0-0")).isEqualTo("0-0");
        assertThat(StreamIds.compare("1700000000000-10", "1700000000000-9")).isPositive();
        assertThat(StreamIds.compare("999-99", "1000-0")).isNegative();
    }

    @Test
    void settingsAreBoundedAndTheLaunchersOwnArgumentsStayOutOfTheCommandLine() {
        LookupsSettings quick = LookupsSettings.parse("--quick", "--root=/repo");
        assertThat(quick.concurrencies()).containsExactly(1, 8, 32, 64);
        assertThat(quick.rounds()).isEqualTo(1);
        assertThat(LookupsSettings.parse("--untraced=exporter-none").untraced()).isEqualTo(Untraced.EXPORTER_NONE);
        assertThatThrownBy(() -> LookupsSettings.parse("--concurrency=0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookupsSettings.parse("--round=301")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookupsSettings.parse("--untraced=off")).isInstanceOf(IllegalArgumentException.class);
        // Priming: up to 300 s by default, over when a step's JIT share is at most 3 %.
        LookupsSettings full = LookupsSettings.parse();
        assertThat(full.prime()).hasSeconds(300);
        assertThat(full.primeUntilJitPercent()).isEqualTo(3);
        assertThat(full.describe()).contains("for up to 300 s, in steps of 30 s until one in which the JVMs' JIT compilers took at most 3 %");
        assertThat(LookupsSettings.parse("--prime-until-jit=10").primeUntilJitPercent()).isEqualTo(10);
        assertThatThrownBy(() -> LookupsSettings.parse("--prime-until-jit=101")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookupsSettings.parse("--prime=901")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LookupsSettings.userArguments("--root=/r", "--quick", "--state-root=/s", "--topology=/t", "--rounds=2"))
                .isEqualTo("--quick --rounds=2");
    }

    @Test
    void aBaselineOfOtherJvmOptionsTakesThePlaceOfTheUntracedVariant() {
        LookupsSettings untraced = LookupsSettings.parse("--untraced=exporter-none");
        assertThat(untraced.label(Variant.UNTRACED)).isEqualTo("(b) untraced");
        assertThat(untraced.bEnvironment()).containsExactly(Map.entry("OTEL_TRACES_EXPORTER", "none"));

        LookupsSettings baseline = LookupsSettings.parse("--baseline-java-opts=-Xmx256m -XX:TieredStopAtLevel=1 -Dotel.x=true");
        assertThat(baseline.label(Variant.UNTRACED)).isEqualTo("(b) baseline");
        assertThat(baseline.label(Variant.TRACED)).isEqualTo("(a) traced");
        assertThat(baseline.bEnvironment()).containsExactly(Map.entry("GEODIG_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -Dotel.x=true"));
        String report = new LookupsReport(baseline::label).render("# header", List.of(), new LookupsReport.Memory(Map.of(), Map.of()));
        assertThat(report).contains("(b) baseline before").doesNotContain("untraced");
        assertThatThrownBy(() -> LookupsSettings.parse("--untraced=agent-off", "--baseline-java-opts=-Xmx256m"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaselineCheckoutStartsTheSecondTopologyWithItsOwnLauncher(@TempDir Path checkout) throws IOException {
        Path launcher = Files.createFile(checkout.resolve("geodig"));
        assertThat(launcher.toFile().setExecutable(true)).isTrue();

        LookupsSettings baseline = LookupsSettings.parse("--root=/repo", "--baseline-root=" + checkout);
        assertThat(baseline.label(Variant.UNTRACED)).isEqualTo("(b) baseline");
        assertThat(baseline.bEnvironment()).as("traced as that checkout ships it").isEmpty();
        assertThat(baseline.launcher(Variant.UNTRACED)).isEqualTo(launcher.toAbsolutePath());
        assertThat(baseline.launcher(Variant.TRACED)).isEqualTo(Path.of("/repo/geodig"));
        assertThat(baseline.describeB()).contains("(b) baseline").contains(checkout.toString()).doesNotContain("JVM options");
        assertThat(baseline.abMeaning()).contains("baseline");

        LookupsSettings both = LookupsSettings.parse("--baseline-root=" + checkout, "--baseline-java-opts=-Xmx256m");
        assertThat(both.bEnvironment()).containsExactly(Map.entry("GEODIG_JAVA_OPTS", "-Xmx256m"));
        assertThat(both.describeB()).contains(checkout.toString()).contains("`-Xmx256m`");

        assertThatThrownBy(() -> LookupsSettings.parse("--baseline-root=" + checkout.resolve("nothing-here")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no executable ./geodig");
        assertThatThrownBy(() -> LookupsSettings.parse("--untraced=agent-off", "--baseline-root=" + checkout))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RoundMeasurement round(Variant variant, long successes, long seconds, double p50, double p99, Map<String, Double> cpu) {
        return round(variant, successes, seconds, p50, p99, cpu, 0);
    }

    private static RoundMeasurement round(Variant variant, long successes, long seconds, double p50, double p99, Map<String, Double> cpu,
            double jitMs) {
        return new RoundMeasurement(variant, 8, new RoundLoad(successes, 0, seconds * 1_000_000_000L, p50, p99, successes * 0.05), cpu,
                jitMs);
    }
}
