package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An orchestrator that accepts the connection and never answers (a hung process, a {@link SilentPeer}):
 * the gateway gives up after {@code geodig.gateway.orchestrator-timeout} with a 504 problem, not a 500 and
 * not a hang. No lookup is faked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "geodig.gateway.orchestrator-timeout=1s")
class OrchestratorTimeoutTest {

    private static final SilentPeer ORCHESTRATOR = new SilentPeer();

    @DynamicPropertySource
    static void orchestrator(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", ORCHESTRATOR::url);
    }

    @AfterAll
    static void stop() throws IOException {
        ORCHESTRATOR.close();
    }

    @LocalServerPort
    int port;

    @Test
    void answers504WhenTheOrchestratorDoesNotAnswerInTime() {
        Answer answer = new GatewayClient(port).postJson("/api/v1/dns/lookup", "{\"domain\": \"google.com\"}");

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(504);
        assertThat(answer.json().get("detail").asString()).contains("did not answer within 1000 ms");
        assertThat(ORCHESTRATOR.connections()).as("the gateway did reach the peer").isPositive();
    }
}
