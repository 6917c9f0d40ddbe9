package dev.geodig.gateway.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.problem.ProblemException;
import dev.geodig.testkit.JaegerExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading a real Jaeger's API v3: searches, services, operations, and what its refusals become. */
class JaegerTracesTest {

    @RegisterExtension
    static final JaegerExtension jaeger = new JaegerExtension(5);

    private static final LookupTrace LOOKUP = LookupTrace.of("www.geodig.test").startingAt(Instant.now().minusSeconds(30));
    private static final TimeRange LAST_MINUTE = new TimeRange(Instant.now().minusSeconds(60), Instant.now(), null);

    @BeforeAll
    static void storeALookup() {
        jaeger.send(LOOKUP.otlpJson());
        await("Jaeger stores the lookup").atMost(Duration.ofSeconds(10))
                .until(() -> !spans(JaegerReader.of(jaeger.queryUrl(), 5), "dns-gateway", LAST_MINUTE).isEmpty());
    }

    private static List<OtlpSpan> spans(JaegerTraces traces, String service, TimeRange range) {
        List<OtlpSpan> spans = new ArrayList<>();
        traces.search(new JaegerTraces.Search(service, null, range, 5), spans::add);
        return spans;
    }

    @Test
    void aSearchHandsOverEverySpanOfTheTracesFound() {
        List<OtlpSpan> spans = spans(JaegerReader.of(jaeger.queryUrl(), 5), "dns-gateway", LAST_MINUTE);

        assertThat(spans).hasSize(LOOKUP.spanCount());
        assertThat(spans).extracting(OtlpSpan::traceId).containsOnly(LOOKUP.traceId());
        assertThat(spans).filteredOn(span -> span.name().equals("process_dns_task")).extracting(OtlpSpan::service)
                .containsExactlyInAnyOrder("dns-worker-us-east-1", "dns-worker-eu-west-1", "dns-worker-asia-south-1");
        assertThat(spans).filteredOn(span -> span.name().equals("publish_dns_task")).singleElement()
                .satisfies(span -> assertThat(span.attributeText("messaging.destination.name")).isEqualTo("dns:tasks"));
    }

    @Test
    void aSearchThatFindsNothingIsNoSpanAtAll() {
        JaegerTraces traces = JaegerReader.of(jaeger.queryUrl(), 5);

        assertThat(spans(traces, "no-such-service", LAST_MINUTE)).isEmpty();
        assertThat(spans(traces, "dns-gateway", new TimeRange(Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), null))).isEmpty();
    }

    @Test
    void servicesAndOperationsAreJaegers() {
        JaegerTraces traces = JaegerReader.of(jaeger.queryUrl(), 5);

        assertThat(traces.services()).containsExactlyInAnyOrder("dns-gateway", "dns-orchestrator", "dns-worker-us-east-1",
                "dns-worker-eu-west-1", "dns-worker-asia-south-1");
        assertThat(traces.operations("dns-gateway")).containsExactlyInAnyOrder(
                new JaegerTraces.Operation("POST /api/v1/dns/lookup", "server"), new JaegerTraces.Operation("POST", "client"));
        assertThat(traces.operations("no-such-service")).isEmpty();
    }

    @Test
    void aJaegerThatRefusesTheSearchIsA502WithItsReason() {
        // Configured to think Jaeger keeps 50 traces when it keeps 5: Jaeger refuses a search 10 deep.
        JaegerTraces misconfigured = JaegerReader.of(jaeger.queryUrl(), 50);

        assertThatThrownBy(() -> misconfigured.search(new JaegerTraces.Search("dns-gateway", null, LAST_MINUTE, 10), span -> { }))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(502);
                    assertThat(problem.getMessage()).isEqualTo("Jaeger's query API answered 500 for the search:"
                            + " search depth must be greater than 0 and less than max traces.");
                });
    }

    @Test
    void noSearchIsDeeperThanJaegerKeeps() {
        JaegerTraces traces = JaegerReader.of(jaeger.queryUrl(), 5);

        assertThatThrownBy(() -> traces.search(new JaegerTraces.Search(null, null, LAST_MINUTE, 6), span -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCappedAnswerStopsAtItsCap() throws IOException {
        try (InputStream capped = new CappedInputStream(new ByteArrayInputStream(new byte[100]), 64)) {
            assertThat(capped.readNBytes(64)).hasSize(64);
            assertThatThrownBy(capped::read).isInstanceOf(CappedInputStream.TooLargeException.class);
        }
        try (InputStream capped = new CappedInputStream(new ByteArrayInputStream(new byte[64]), 64)) {
            assertThat(capped.readAllBytes()).hasSize(64);
        }
    }
}
