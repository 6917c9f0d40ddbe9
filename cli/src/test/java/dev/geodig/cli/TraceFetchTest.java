package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.TraceView;
import dev.geodig.contract.TraceView.Kind;
import dev.geodig.contract.TraceView.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The waiting, on a clock that moves only when the fetch sleeps; answers are what the gateway would send. */
class TraceFetchTest {

    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ManualTime time = new ManualTime(NOW);
    private final Deque<GatewayClient.Response> answers = new ArrayDeque<>();
    private final List<Instant> askedAt = new ArrayList<>();
    private int misses;

    private TraceFetch.Outcome fetch(Duration wait) throws Exception {
        TraceFetch fetch = new TraceFetch(id -> {
            askedAt.add(time.instant());
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }, time, time, () -> misses++);
        return fetch.fetch(Reports.TRACE_ID, wait);
    }

    @Test
    void notFoundIsAskedAgainWithGrowingPausesUntilItArrives() throws Exception {
        answers.add(notFound());
        answers.add(notFound());
        answers.add(found(traceEndedAt(NOW.minusSeconds(60), false)));

        TraceFetch.Outcome outcome = fetch(Duration.ofSeconds(10));

        assertThat(outcome).isInstanceOfSatisfying(TraceFetch.Outcome.Found.class, found -> {
            assertThat(found.settled()).isTrue();
            assertThat(found.trace().traceId()).isEqualTo(Reports.TRACE_ID);
        });
        assertThat(time.slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(misses).as("the user is told once why it waits").isEqualTo(1);
    }

    @Test
    void notFoundForTheWholeWaitIsNotFoundAndTheWaitIsKept() throws Exception {
        answers.add(notFound());

        TraceFetch.Outcome outcome = fetch(Duration.ofSeconds(2));

        assertThat(outcome).isEqualTo(new TraceFetch.Outcome.NotFound(Duration.ofSeconds(2)));
        assertThat(time.slept).as("pauses double, the last one cut at the deadline")
                .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(250));
        assertThat(askedAt.getLast()).as("asked once more at the deadline").isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void noWaitMeansOneQuestion() throws Exception {
        answers.add(notFound());

        assertThat(fetch(Duration.ZERO)).isInstanceOf(TraceFetch.Outcome.NotFound.class);
        assertThat(askedAt).hasSize(1);
        assertThat(time.slept).isEmpty();
    }

    @Test
    void anotherErrorEndsTheWaitAtOnce() throws Exception {
        GatewayClient.Response unavailable = new GatewayClient.Response(503, "{\"status\":503,\"detail\":\"Jaeger is unreachable\"}");
        answers.add(unavailable);

        assertThat(fetch(Duration.ofSeconds(10))).isEqualTo(new TraceFetch.Outcome.Failed(unavailable));
        assertThat(time.slept).isEmpty();
    }

    @Test
    void aTraceThatJustEndedIsFetchedAgainOnceItsSpansHadTimeToArrive() throws Exception {
        answers.add(found(traceEndedAt(NOW.minusMillis(500), false)));
        TraceView complete = traceEndedAt(NOW.minusMillis(500), false);
        answers.add(found(complete));

        TraceFetch.Outcome outcome = fetch(Duration.ofSeconds(10));

        assertThat(time.slept).containsExactly(Duration.ofMillis(2500));
        assertThat(askedAt).hasSize(2);
        assertThat(outcome).isInstanceOfSatisfying(TraceFetch.Outcome.Found.class, found -> assertThat(found.settled()).isTrue());
    }

    @Test
    void aTraceWithSpansWhoseParentIsMissingIsFetchedAgain() throws Exception {
        answers.add(found(traceEndedAt(NOW.minusSeconds(60), true)));
        answers.add(found(traceEndedAt(NOW.minusSeconds(60), false)));

        TraceFetch.Outcome outcome = fetch(Duration.ofSeconds(10));

        assertThat(time.slept).containsExactly(Duration.ofMillis(250));
        assertThat(outcome).isInstanceOfSatisfying(TraceFetch.Outcome.Found.class, found -> {
            assertThat(found.settled()).isTrue();
            assertThat(found.trace().spans()).hasSize(1);
        });
    }

    @Test
    void whenTheWaitEndsFirstWhatArrivedIsShownAsPossiblyIncomplete() throws Exception {
        answers.add(found(traceEndedAt(NOW.minusMillis(500), false)));

        TraceFetch.Outcome outcome = fetch(Duration.ofSeconds(1));

        assertThat(time.slept).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(TraceFetch.Outcome.Found.class, found -> assertThat(found.settled()).isFalse());
    }

    private static GatewayClient.Response notFound() {
        return new GatewayClient.Response(404, "{\"status\":404,\"detail\":\"No trace with that id (yet).\"}");
    }

    private static GatewayClient.Response found(TraceView trace) {
        return new GatewayClient.Response(200, JSON.writeValueAsString(trace));
    }

    /** A 10 ms trace that ended at {@code end}; with an orphan, a second root whose parent has not arrived. */
    private static TraceView traceEndedAt(Instant end, boolean orphan) {
        List<TraceView.SpanRow> spans = new ArrayList<>();
        spans.add(WaterfallPrinterTest.span("a1", null, "POST /api/v1/dns/lookup", "dns-gateway", Kind.SERVER, 0, 0, 10_000, Status.UNSET, null));
        if (orphan) {
            spans.add(WaterfallPrinterTest.span("e5", "f6", "process_dns_task", "dns-worker-eu-west-1", Kind.CONSUMER, 0, 2_000, 5_000, Status.UNSET, null));
        }
        return new TraceView(Reports.TRACE_ID, end.minusMillis(10).toString(), 10_000, List.of("dns-gateway"), spans.size(), spans, null);
    }

    /** A clock that sleeping moves forward. */
    static final class ManualTime extends Clock implements TraceFetch.Sleeper {
        private Instant now;
        final List<Duration> slept = new ArrayList<>();

        ManualTime(Instant start) {
            this.now = start;
        }

        @Override
        public void sleep(Duration pause) {
            slept.add(pause);
            now = now.plus(pause);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
