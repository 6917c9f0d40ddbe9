package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code geodig.gateway.rate-limit.enabled=false}: no client is limited, and no answer carries RateLimit fields. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "geodig.gateway.rate-limit.enabled=false",
    "geodig.gateway.rate-limit.capacity=2",
})
class RateLimitOffTest {

    @DynamicPropertySource
    static void orchestratorNowhere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    @Test
    void switchedOffItLimitsNoOne() {
        GatewayClient gateway = new GatewayClient(port);

        for (int i = 0; i < 20; i++) {
            Answer answer = gateway.postJson("/api/v1/dns/lookup", "{\"domain\": \"google.com\"}");
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("RateLimit")).isNull();
            assertThat(answer.header("RateLimit-Policy")).isNull();
        }
    }
}
