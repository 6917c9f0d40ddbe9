package dev.geodig.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.gateway.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** The four ranges, their steps and rate windows, the grid they are read on, and the queries they shape. */
class MetricsRangeTest {

    @ParameterizedTest(name = "{0}: step {1} s, rates over {2} s")
    @CsvSource({"5m, 5, 30", "15m, 15, 30", "1h, 60, 120", "6h, 360, 720"})
    void eachRangeHasItsStepAndRateWindow(String label, long step, long window) {
        MetricsRange range = MetricsRange.parse(List.of(label));

        assertThat(range.label()).isEqualTo(label);
        assertThat(range.step()).isEqualTo(Duration.ofSeconds(step));
        assertThat(range.rateWindow()).isEqualTo(Duration.ofSeconds(window));
        // Every query of the range takes its rates over that window, and only the window varies.
        assertThat(MetricQueries.requestRate(range.rateWindow())).contains("[" + window + "s]");
        assertThat(MetricQueries.timedOutRate(range.rateWindow())).contains("[" + window + "s]");
    }

    @ParameterizedTest
    @EnumSource(MetricsRange.class)
    void everyRangeIsReadAtSixtyOnePointsEndingAtAWholeStep(MetricsRange range) {
        Instant now = Instant.parse("2026-12-05T15:11:23.456Z");
        TimeGrid grid = TimeGrid.ending(now, range);

        assertThat(grid.size()).isEqualTo(61);
        assertThat(grid.end() % range.step().toSeconds()).isZero();
        assertThat(grid.end()).isBetween(now.getEpochSecond() - range.step().toSeconds() + 1, now.getEpochSecond());
        assertThat(grid.end() - grid.start()).isEqualTo(range.length().toSeconds());
        assertThat(grid.at(60)).isEqualTo(grid.end());
    }

    @ParameterizedTest
    @EnumSource(MetricsRange.class)
    void noStepIsShorterThanTheScrapeInterval(MetricsRange range) {
        assertThat(range.step()).isGreaterThanOrEqualTo(MetricsRange.MIN_STEP);
        assertThat(range.rateWindow()).isGreaterThanOrEqualTo(range.step().multipliedBy(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 5m", "5m ", "5M", "15min", "300s", "0m", "-5m", "1d", "7d", "6h;", "${range}"})
    void anyOtherNameIsRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> MetricsRange.parse(List.of(name)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(problem.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("range");
                        assertThat(error.reason()).contains("5m, 15m, 1h, 6h");
                    });
                });
    }

    @Test
    void noRangeIsFifteenMinutesAndTwoAreRefused() {
        assertThat(MetricsRange.parse(null)).isEqualTo(MetricsRange.FIFTEEN_MINUTES);
        assertThat(MetricsRange.parse(List.of())).isEqualTo(MetricsRange.FIFTEEN_MINUTES);
        assertThatThrownBy(() -> MetricsRange.parse(List.of("5m", "5m")))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.errors())
                        .singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("range")));
    }

    @Test
    void theQueriesNameOnlyTheMetricsTheyAreAbout() {
        Duration window = Duration.ofSeconds(30);
        // Requests are SERVER spans and the workers' process_dns_task, and nothing else.
        String requests = MetricQueries.requestRate(window);
        assertThat(requests).contains("span_kind=\"SPAN_KIND_SERVER\"")
                .contains("span_kind=\"SPAN_KIND_CONSUMER\",span_name=\"process_dns_task\"")
                .doesNotContain("CLIENT").doesNotContain("INTERNAL");
        assertThat(MetricQueries.errorPercent(window)).contains("status_code=\"STATUS_CODE_ERROR\"");
        assertThat(MetricQueries.latency(0.95, window)).startsWith("histogram_quantile(0.95, ")
                .contains(MetricQueries.DURATION_BUCKETS).contains("by (service_name, le)");
        assertThat(Arrays.asList(MetricQueries.streamLag(), MetricQueries.pending(), MetricQueries.answeredRate(window)))
                .allSatisfy(query -> assertThat(query).contains("by (worker_location)"));
        assertThat(MetricQueries.timedOutRate(window)).contains("result_status=\"timeout\"");
        assertThat(MetricQueries.answeredRate(window)).contains("result_status!=\"timeout\"");
    }
}
