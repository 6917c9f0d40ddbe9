package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.RedisExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readiness with a real Redis and the orchestrator's readiness endpoint both answering: UP; then
 * DOWN as each goes away. The steps are ordered because each one takes something away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    static final OrchestratorReadinessEndpoint orchestrator = new OrchestratorReadinessEndpoint();

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("geodig.redis.url", () -> redis.url());
        registry.add("geodig.gateway.orchestrator-url", () -> orchestrator.url());
    }

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void isReadyWhileRedisAndTheOrchestratorAnswer() {
        Answer readiness = readiness();

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(component(readiness, "redis")).isEqualTo("UP");
        assertThat(component(readiness, "orchestrator")).isEqualTo("UP");
        assertThat(liveness(port).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void omitsTraceresponseWithoutTheAgent() {
        // No agent in this test JVM, so no server span: the gateway gives no traceresponse rather than invent one.
        assertThat(readiness().header("traceresponse")).isNull();
    }

    @Test
    @Order(3)
    void isNotReadyOnceTheOrchestratorIsNotReady() {
        orchestrator.reportNotReady();

        Answer readiness = readiness();

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(component(readiness, "orchestrator")).isEqualTo("DOWN");
        assertThat(component(readiness, "redis")).isEqualTo("UP");
    }

    @Test
    @Order(4)
    void isNotReadyOnceRedisStopsAndStaysAlive() {
        redis.stop();

        Answer readiness = readiness();

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(component(readiness, "redis")).isEqualTo("DOWN");
        assertThat(readiness.json().get("components").get("redis").get("details").get("error").asString()).isNotBlank();
        // Liveness is about the gateway itself: a dependency being away must not get it restarted.
        assertThat(liveness(port).status()).isEqualTo(200);
    }

    private Answer readiness() {
        return readiness(port);
    }

    static Answer readiness(int port) {
        GatewayClient client = new GatewayClient(port);
        return client.send(client.request("/actuator/health/readiness").GET());
    }

    static Answer liveness(int port) {
        GatewayClient client = new GatewayClient(port);
        return client.send(client.request("/actuator/health/liveness").GET());
    }

    static String component(Answer health, String name) {
        return health.json().get("components").get(name).get("status").asString();
    }
}
