package dev.geodig.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic only; nothing here measures anything. */
class BenchArithmeticTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i; // unsorted on purpose
        }
        Percentiles p = new Percentiles(values);
        assertThat(p.of(50)).isEqualTo(50);
        assertThat(p.of(95)).isEqualTo(95);
        assertThat(p.of(99)).isEqualTo(99);
        assertThat(p.of(100)).isEqualTo(100);
        assertThat(p.of(0.5)).isEqualTo(1);
    }

    @Test
    void smallSamplesTakeTheNextValueUp() {
        Percentiles p = new Percentiles(new long[] {30, 10, 20});
        assertThat(p.of(50)).isEqualTo(20); // rank ceil(1.5) = 2
        assertThat(p.of(99)).isEqualTo(30);
        assertThat(new Percentiles(new long[] {7}).of(1)).isEqualTo(7);
    }

    @Test
    void noValuesIsNotANumberAndOutOfRangeIsRefused() {
        assertThat(new Percentiles(new long[0]).of(50)).isNaN();
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).of(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratiosAreDashedWhereTheyMeanNothing() {
        assertThat(Figures.ratio(3, 2)).isEqualTo("1.50");
        assertThat(Figures.ratio(5, 0)).isEqualTo("—");
        assertThat(Figures.ratio(Double.NaN, 1)).isEqualTo("—");
        assertThat(Figures.median(java.util.List.of(3.0, 1.0, 2.0, 10.0))).isEqualTo(2.5);
    }

    @Test
    void commandCountsLeaveOutTheProbesOwnCommands() {
        var before = new RedisProbe.Counters(java.util.Map.of("xadd", 10L, "info", 5L), 1.0);
        var after = new RedisProbe.Counters(java.util.Map.of("xadd", 16L, "info", 50L, "xinfo|groups", 9L, "xack", 3L), 1.5);
        assertThat(after.callsSince(before)).containsOnly(
                java.util.Map.entry("xadd", 6L), java.util.Map.entry("xack", 3L));
    }

    @Test
    void roundsGrowWithConcurrencySoTheyStayMeasurable() {
        BenchSettings settings = BenchSettings.parse("--lookups=500", "--per-client=50");
        assertThat(settings.lookupsAt(1)).isEqualTo(500);
        assertThat(settings.lookupsAt(8)).isEqualTo(500);
        assertThat(settings.lookupsAt(32)).isEqualTo(1600);
        assertThatThrownBy(() -> BenchSettings.parse("--rounds=0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSettings.parse("--bogus=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
