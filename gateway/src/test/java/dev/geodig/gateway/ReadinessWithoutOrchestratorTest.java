package dev.geodig.gateway;

import static dev.geodig.gateway.ReadinessTest.component;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The orchestrator unreachable (nothing listens on its port), Redis real: not ready, alive. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadinessWithoutOrchestratorTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("geodig.redis.url", () -> redis.url());
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    @Test
    void isNotReadyAndNamesTheOrchestrator() {
        Answer readiness = ReadinessTest.readiness(port);

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(component(readiness, "orchestrator")).isEqualTo("DOWN");
        assertThat(component(readiness, "redis")).isEqualTo("UP");
    }

    @Test
    void staysAlive() {
        assertThat(ReadinessTest.liveness(port).status()).isEqualTo(200);
    }
}
