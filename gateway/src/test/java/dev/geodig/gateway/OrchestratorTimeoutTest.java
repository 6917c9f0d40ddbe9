package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An orchestrator that accepts the connection and never answers (a hung process): the gateway gives
 * up after {@code geodig.gateway.orchestrator-timeout} with a 504 problem, not a 500 and not a hang.
 * The peer is a bare socket that reads nothing and writes nothing; no lookup is faked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "geodig.gateway.orchestrator-timeout=1s")
class OrchestratorTimeoutTest {

    static ServerSocket silentPeer;
    static final List<Socket> accepted = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silentPeer.isClosed()) {
                try {
                    Socket socket = silentPeer.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        silentPeer.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @DynamicPropertySource
    static void orchestrator(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + silentPeer.getLocalPort());
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
        synchronized (accepted) {
            assertThat(accepted).as("the gateway did reach the peer").isNotEmpty();
        }
    }
}
