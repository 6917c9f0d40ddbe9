package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.gateway.traces.LookupTrace;
import dev.geodig.testkit.JaegerExtension;
import dev.geodig.testkit.LoopbackPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/traces/{trace_id}} on the real gateway in front of a real Jaeger, for a lookup on which an injected
 * fault acted: what the page needs to show it (the span's status and its message, {@code error.type}, the flag's
 * evaluation and the exception as events) survives Jaeger's storage and the layout, as trace-view.schema.json documents it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceWithInjectedFaultTest {

    @RegisterExtension
    static final JaegerExtension jaeger = new JaegerExtension(10);

    private static final String FAULTED = "eu-west-1";
    private static final LookupTrace LOOKUP = LookupTrace.of("www.geodig.test").startingAt(Instant.now().minusSeconds(10))
            .faultInjectedAt(FAULTED);

    @DynamicPropertySource
    static void jaegerHere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.jaeger-query-url", jaeger::queryUrl);
        registry.add("geodig.gateway.jaeger-max-traces", jaeger::maxTraces);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void storeTheLookup() {
        jaeger.send(LOOKUP.otlpJson());
    }

    @Test
    void theFaultedSpanCarriesItsStatusErrorTypeTheFlagThatActedAndTheException() {
        GatewayClient gateway = new GatewayClient(port);
        Answer answer = await("Jaeger has the lookup").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.get("/api/v1/traces/" + LOOKUP.traceId()), a -> a.status() == 200
                        && a.json().path("span_count").asInt() == LOOKUP.spanCount());
        assertThat(Schemas.violations("trace-view.schema.json", answer.response().body())).isEmpty();

        List<JsonNode> errors = answer.json().path("spans").valueStream().filter(span -> span.path("status").asString().equals("error")).toList();
        assertThat(errors).as("the one span the fault failed").singleElement().satisfies(span -> {
            assertThat(span.path("name").asString()).isEqualTo("process_dns_task");
            assertThat(span.path("service").asString()).isEqualTo("dns-worker-" + FAULTED);
            assertThat(span.path("status_message").asString()).isEqualTo(LookupTrace.injectedFaultMessage(FAULTED));
            assertThat(span.path("attributes").path("error.type").asString()).isEqualTo("dev.geodig.boot.faults.InjectedFaultException");
            assertThat(span.path("events").valueStream().map(event -> event.path("name").asString()))
                    .containsExactly("feature_flag.evaluation", "exception");
            JsonNode flag = span.path("events").get(0).path("attributes");
            assertThat(flag.path("feature_flag.key").asString()).isEqualTo("worker-fail");
            assertThat(flag.path("feature_flag.result.variant").asString()).isEqualTo("on-" + FAULTED);
            assertThat(flag.path("feature_flag.result.value").asString()).isEqualTo("{rate_percent=100}");
            JsonNode exception = span.path("events").get(1);
            assertThat(exception.path("attributes").path("exception.message").asString())
                    .isEqualTo(LookupTrace.injectedFaultMessage(FAULTED));
            assertThat(exception.path("offset_us").asLong()).isBetween(span.path("start_offset_us").asLong(),
                    span.path("start_offset_us").asLong() + span.path("duration_us").asLong());
            assertThat(span.path("events_dropped").asLong()).isZero();
        });
        assertThat(answer.json().path("spans").valueStream().filter(span -> !span.path("events").isEmpty()))
                .as("no other span has events").hasSize(1);
    }
}
