package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.geodig.gateway.GatewayClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway makes of an orchestrator that answers, but not with a report: an error status, or a
 * body that is not a report. Each is a problem naming the orchestrator (502, or 503 when the orchestrator
 * itself says it is unavailable), never a 500 and never the orchestrator's body passed on. The peer is a
 * real HTTP server on loopback that answers what a test tells it to and keeps what it was sent; what a
 * real orchestrator answers is the end-to-end tests' part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrchestratorAnswerTest {

    private static final String LOOKUP = "/api/v1/dns/lookup";
    private static final AnsweringPeer ORCHESTRATOR = new AnsweringPeer();

    @DynamicPropertySource
    static void orchestrator(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", ORCHESTRATOR::url);
    }

    @AfterAll
    static void stop() {
        ORCHESTRATOR.close();
    }

    @LocalServerPort
    int port;

    @Test
    void sendsTheValidatedRequestAsJson() {
        ORCHESTRATOR.answer(500, "");

        new GatewayClient(port).postJson(LOOKUP, "{\"domain\": \"example.com\", \"record_types\": [\"A\", \"MX\"]}");

        assertThat(ORCHESTRATOR.contentType.get()).startsWith("application/json");
        JsonNode sent = JsonMapper.shared().readTree(ORCHESTRATOR.body.get());
        assertThat(sent.get("domain").asString()).isEqualTo("example.com");
        assertThat(sent.get("record_types").toString()).isEqualTo("[\"A\",\"MX\"]");
        assertThat(sent.get("locations").isArray()).as("the locations the gateway filled in: %s", sent).isTrue();
    }

    /** Each row: what the orchestrator answers (status, body), what the client gets (status, the problem's detail). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            500 | {"oops": true}                | 502 | The orchestrator answered 500 to the lookup.
            503 | ``                            | 503 | The orchestrator answered 503 to the lookup.
            200 | ``                            | 502 | The orchestrator answered with an empty body.
            200 | {"duration_ms": 1}            | 502 | The orchestrator's answer is not a lookup report.
            200 | <html>not json</html>         | 502 | The orchestrator's answer is not a lookup report.
            200 | null                          | 502 | The orchestrator's answer is not a lookup report.
            200 | [1, 2]                        | 502 | The orchestrator's answer is not a lookup report.
            200 | {"status": "no such status"}  | 502 | The orchestrator's answer is not a lookup report.
            """)
    void anAnswerThatIsNotAReportIsAProblem(int orchestratorStatus, String orchestratorBody, int status, String detail) {
        ORCHESTRATOR.answer(orchestratorStatus, orchestratorBody);

        Answer answer = new GatewayClient(port).postJson(LOOKUP, "{\"domain\": \"example.com\"}");

        assertProblem(answer, status);
        assertThat(answer.json().get("detail").asString()).isEqualTo(detail);
    }

    /** An HTTP server on loopback answering every lookup with the status and body last set. */
    static final class AnsweringPeer implements AutoCloseable {

        private final HttpServer server;
        private volatile int status = 500;
        private volatile byte[] answer = new byte[0];
        final AtomicReference<String> contentType = new AtomicReference<>();
        final AtomicReference<String> body = new AtomicReference<>();

        AnsweringPeer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/internal/v1/lookups", exchange -> {
                contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
                body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] sent = answer;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, sent.length == 0 ? -1 : sent.length);
                exchange.getResponseBody().write(sent);
                exchange.close();
            });
            server.start();
        }

        void answer(int status, String body) {
            this.status = status;
            this.answer = body.getBytes(StandardCharsets.UTF_8);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
