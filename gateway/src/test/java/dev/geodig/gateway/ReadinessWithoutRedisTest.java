package dev.geodig.gateway;

import static dev.geodig.gateway.ReadinessTest.component;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis unreachable from the start (nothing listens on its port): not ready, alive. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadinessWithoutRedisTest {

    @RegisterExtension
    static final OrchestratorReadinessEndpoint orchestrator = new OrchestratorReadinessEndpoint();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("geodig.redis.url", () -> "redis://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.orchestrator-url", () -> orchestrator.url());
    }

    @LocalServerPort
    int port;

    @Test
    void isNotReadyAndNamesRedis() {
        Answer readiness = ReadinessTest.readiness(port);

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(component(readiness, "redis")).isEqualTo("DOWN");
        assertThat(component(readiness, "orchestrator")).isEqualTo("UP");
    }

    @Test
    void staysAlive() {
        assertThat(ReadinessTest.liveness(port).status()).isEqualTo(200);
    }
}
