package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With Prometheus's address a closed loopback port, a metrics query is a 503 problem that says so, and a
 * bad one is still a 400: the parameters are checked before Prometheus is asked anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsWithoutPrometheusTest {

    @DynamicPropertySource
    static void prometheusNowhere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.prometheus-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"services", "locations"})
    void anUnreachablePrometheusIsA503(String endpoint) {
        Answer answer = gateway.get("/api/v1/metrics/" + endpoint + "?range=1h");

        assertProblem(answer, 503);
        assertThat(answer.json().path("detail").asString()).contains("Prometheus").contains("unreachable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"services", "locations"})
    void aBadRangeIsA400AllTheSame(String endpoint) {
        Answer answer = gateway.get("/api/v1/metrics/" + endpoint + "?range=7d");

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, "range")).hasSize(1);
    }
}
