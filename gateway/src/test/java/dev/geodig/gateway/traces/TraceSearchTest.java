package dev.geodig.gateway.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trace search's query string read and checked: defaults, every parameter's rules, every fault named. */
class TraceSearchTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static TraceSearch parse(String query) {
        return TraceSearch.parse(query, NOW);
    }

    /** The fields the problem of {@code query} names, in order. */
    private static List<String> faults(String query) {
        try {
            parse(query);
        } catch (ProblemException e) {
            assertThat(e.status().value()).isEqualTo(400);
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("accepted: " + query);
    }

    private static String reason(String query, String field) {
        try {
            parse(query);
        } catch (ProblemException e) {
            return e.errors().stream().filter(error -> error.field().equals(field)).map(FieldError::reason).findFirst().orElseThrow();
        }
        throw new AssertionError("accepted: " + query);
    }

    @Test
    void noParametersSearchTheGatewaysTracesOfTheLastHourTwentyAtMost() {
        TraceSearch search = parse(null);

        assertThat(search.service()).isEqualTo("dns-gateway");
        assertThat(search.operation()).isNull();
        assertThat(search.tags()).isEmpty();
        assertThat(search.range()).isEqualTo(new TimeRange(NOW.minus(Duration.ofHours(1)), NOW, "1h"));
        assertThat(search.limit()).isEqualTo(20);
        assertThat(search.filtersInGateway()).isFalse();
        assertThat(parse("").limit()).isEqualTo(20);
    }

    @Test
    void everyParameterIsRead() {
        TraceSearch search = parse("service=dns-orchestrator&operation=POST+%2Finternal%2Fv1%2Flookups"
                + "&tag=dns.domain%3Dwww.geodig.test&tag=error=true&tag=worker.location=eu-west-1&lookup_status=partial"
                + "&min_duration=1.5ms&max_duration=2s&lookback=15m&limit=200");

        assertThat(search.service()).isEqualTo("dns-orchestrator");
        assertThat(search.operation()).isEqualTo("POST /internal/v1/lookups");
        assertThat(search.tags()).containsExactly(new TagFilter("dns.domain", "www.geodig.test"), new TagFilter("error", "true"),
                new TagFilter("worker.location", "eu-west-1"));
        assertThat(search.lookupStatus()).isEqualTo("partial");
        assertThat(search.minDuration()).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(search.maxDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(search.range().start()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(search.limit()).isEqualTo(200);
        assertThat(search.filtersInGateway()).isTrue();
    }

    @Test
    void aCustomRangeIsTwoRfc3339Instants() {
        TraceSearch search = parse("start=2026-12-05T09:00:00.5%2B01:00&end=2026-12-05T09:59:00Z");

        assertThat(search.range().start()).isEqualTo(Instant.parse("2026-12-05T08:00:00.5Z"));
        assertThat(search.range().end()).isEqualTo(Instant.parse("2026-12-05T09:59:00Z"));
        assertThat(search.range().lookback()).isNull();
        // A little ahead of the gateway's clock is the client's clock, not the future.
        assertThat(parse("start=2026-12-05T09:00:00Z&end=2026-12-05T10:00:30Z").range().end()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void emptyValuesAreParametersLeftOut() {
        TraceSearch search = parse("service=&operation=&lookback=&start=&end=&limit=&min_duration=&lookup_status=&");

        assertThat(search.service()).isEqualTo("dns-gateway");
        assertThat(search.limit()).isEqualTo(20);
        assertThat(search.range().lookback()).isEqualTo("1h");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "lookback=7m | lookback",
        "lookback=1h&start=2026-12-05T09:00:00Z&end=2026-12-05T09:30:00Z | lookback",
        "start=2026-12-05T09:00:00Z | end",
        "end=2026-12-05T09:00:00Z | start",
        "start=2026-12-05 09:00:00Z&end=2026-12-05T09:30:00Z | start",
        "start=2026-12-05T09:00Z&end=2026-12-05T09:30:00Z | start",
        "start=2026-12-05T09:00:00&end=2026-12-05T09:30:00Z | start",
        "start=2026-02-30T09:00:00Z&end=2026-12-05T09:30:00Z | start",
        "start=2026-12-05T09:30:00Z&end=2026-12-05T09:30:00Z | end",
        "start=2026-12-05T09:30:00Z&end=2026-12-05T09:00:00Z | end",
        "start=2026-12-03T09:00:00Z&end=2026-12-05T09:00:00Z | end",
        "start=2026-12-05T09:30:00Z&end=2026-12-05T10:05:00Z | end",
        "limit=0 | limit",
        "limit=201 | limit",
        "limit=-1 | limit",
        "limit=ten | limit",
        "limit=99999999999 | limit",
        "limit=1&limit=2 | limit",
        "service=dns gateway | service",
        "service=-gateway | service",
        "service=dns-gateway&service=dns-orchestrator | service",
        "operation=%1B%5B2J | operation",
        "operation=%E2%80%AEkool | operation",
        "tag=dns.domain | tag",
        "tag==x | tag",
        "tag=DNS.domain=x | tag",
        "tag=dns domain=x | tag",
        "tag=dns.domain= | tag",
        "tag=dns.domain=a%0Ab | tag",
        "tag=error=yes | tag",
        "tag=dns.domain=a&tag=dns.domain=b | tag",
        "lookup_status=PARTIAL | lookup_status",
        "min_duration=5 | min_duration",
        "min_duration=-1s | min_duration",
        "min_duration=1d | min_duration",
        "min_duration=25h | min_duration",
        "max_duration=1.5 s | max_duration",
        "max_duration=99999999999999999999h | max_duration",
        "min_duration=2s&max_duration=1s | max_duration",
        "domain=www.geodig.test | domain",
        "Service=dns-gateway | Service",
        "tag=x=%zz | query",
        "%ZZ=1 | query",
    })
    void eachFaultIsA400NamingItsParameter(String query, String field) {
        assertThat(faults(query)).containsExactly(field);
    }

    @Test
    void everyFaultIsNamedAtOnce() {
        assertThat(faults("limit=0&lookback=2h&tag=bad&min_duration=x&callback=f&service=%20"))
                .containsExactlyInAnyOrder("limit", "lookback", "tag", "min_duration", "callback", "service");
    }

    @Test
    void theReasonsSayWhatIsAccepted() {
        assertThat(reason("lookback=7m", "lookback")).isEqualTo("must be one of 5m, 15m, 1h, 6h, 24h");
        assertThat(reason("limit=0", "limit")).isEqualTo("must be a whole number from 1 to 200");
        assertThat(reason("min_duration=5", "min_duration")).isEqualTo("must be a duration such as 500us, 200ms, 1.5s or 2m");
        assertThat(reason("domain=x", "domain")).startsWith("is not a parameter of this endpoint; it takes end, limit, lookback,");
        assertThat(reason("tag=error=1", "tag")).contains("error must be true or false");
    }

    @Test
    void atMostTenTagsAndFortyParameters() {
        String tenTags = "tag=a.1=x&tag=a.2=x&tag=a.3=x&tag=a.4=x&tag=a.5=x&tag=a.6=x&tag=a.7=x&tag=a.8=x&tag=a.9=x&tag=a.10=x";

        assertThat(parse(tenTags).tags()).hasSize(10);
        assertThat(faults(tenTags + "&tag=a.11=x")).containsExactly("tag");
        assertThat(faults("limit=1" + "&limit=1".repeat(40))).containsExactly("query");
    }

    @Test
    void goDurationsAsJaegersUiWritesThem() {
        assertThat(GoDuration.parse("500us", Duration.ofDays(1))).isEqualTo(Duration.ofNanos(500_000));
        assertThat(GoDuration.parse("500µs", Duration.ofDays(1))).isEqualTo(Duration.ofNanos(500_000));
        assertThat(GoDuration.parse("200ms", Duration.ofDays(1))).isEqualTo(Duration.ofMillis(200));
        assertThat(GoDuration.parse("1.5s", Duration.ofDays(1))).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("2m", Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(2));
        assertThat(GoDuration.parse("1h30m", Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse(".5s", Duration.ofDays(1))).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("0", Duration.ofDays(1))).isZero();
        assertThat(GoDuration.parse("24h", Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> GoDuration.parse("24h1ns", Duration.ofHours(24))).hasMessage("must be at most 24h");
        for (String notOne : List.of("", "1", "s", "1x", "1.s.", "-1s", "+1s", "1 s", "1e3s", "0.5.5s", "1ms" + "1ms".repeat(10))) {
            assertThatThrownBy(() -> GoDuration.parse(notOne, Duration.ofDays(1))).as(notOne).isInstanceOf(IllegalArgumentException.class);
        }
    }

}
