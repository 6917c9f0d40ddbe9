package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read endpoints with Jaeger's query API a closed loopback port: a valid request is a 503 that says why, at
 * once; a bad one is still a 400, because every parameter is checked before Jaeger is asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceReadsWithoutJaegerTest {

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

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/traces",
        "/api/v1/traces?tag=dns.domain=www.geodig.test&min_duration=1s&lookback=24h&limit=200",
        "/api/v1/services",
        "/api/v1/services/dns-gateway/operations",
        "/api/v1/service-map",
        "/api/v1/service-map?lookback=5m&limit=1",
    })
    void aValidReadIsA503SayingJaegerIsUnreachable(String path) {
        Instant asked = Instant.now();
        Answer answer = gateway.get(path);

        assertProblem(answer, 503);
        assertThat(answer.json().get("detail").asString()).contains("Jaeger").contains("unreachable");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/traces?limit=500", "/api/v1/service-map?limit=5000"})
    void aBadReadIsA400EvenSo(String path) {
        Answer answer = gateway.get(path);

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, "limit")).isNotEmpty();
    }
}
