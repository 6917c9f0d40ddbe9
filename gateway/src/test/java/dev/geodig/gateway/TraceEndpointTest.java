package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rules of {@code GET /api/v1/traces/{trace_id}} that hold whatever Jaeger holds: only a trace id
 * gets through, and an unreachable Jaeger is a 503. Jaeger's address is a closed loopback port, so an
 * id that wrongly passed the check would come back 503, not 400. (What it answers with a real Jaeger,
 * found or not, is proven end to end, in the e2e module.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceEndpointTest {

    private static final String TRACES = "/api/v1/traces/";
    private static final String VALID_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @DynamicPropertySource
    static void jaegerNowhere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "xyz",
        "4bf92f3577b34da6a3ce929d0e0e473",      // 31 digits
        "4bf92f3577b34da6a3ce929d0e0e47366",    // 33 digits
        "4bf92f3577b34da6a3ce929d0e0e473g",     // not hex
        "4bf92f3577b34da6a3ce929d0e0e4736%20",
        "..%2F..%2Fapi%2Fservices",             // an encoded path, which must never reach Jaeger's API
        "%2e%2e%2f%2e%2e%2fapi",
        "4bf92f3577b34da6a3ce929d0e0e4736%2F..%2F..%2Fapi",
        "4bf92f3577b34da6a3ce929d0e0e4736%3Fraw_traces=true",
        "http:%2F%2F127.0.0.1:16686%2Fapi",
    })
    void anythingButATraceIdIsA400NamingTheField(String id) {
        Answer answer = gateway.get(TRACES + id);

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, "trace_id")).singleElement().asString().contains("32 hexadecimal digits");
    }

    @Test
    void theAllZeroIdIsNamedForWhatItIs() {
        Answer answer = gateway.send(gateway.request(TRACES + "0".repeat(32)).GET());

        assertThat(reasonsFor(answer, "trace_id")).singleElement().asString().contains("all zeros");
    }

    @Test
    void moreSegmentsAfterTheIdAreNoEndpoint() {
        Answer answer = gateway.get(TRACES + VALID_ID + "/../../api/services");

        assertThat(answer.status()).isIn(400, 404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aValidIdWithJaegerUnreachableIsA503() {
        Answer answer = gateway.get(TRACES + VALID_ID);

        assertProblem(answer, 503);
        assertThat(answer.json().get("detail").asString()).contains("Jaeger").contains("unreachable");
    }

    @Test
    void anUpperCaseIdIsAcceptedToo() {
        Answer answer = gateway.send(gateway.request(TRACES + VALID_ID.toUpperCase()).GET());

        assertProblem(answer, 503);
    }

    @Test
    void onlyGetIsAllowed() {
        Answer answer = gateway.send(gateway.request(TRACES + VALID_ID)
                .DELETE());

        assertProblem(answer, 405);
    }
}
