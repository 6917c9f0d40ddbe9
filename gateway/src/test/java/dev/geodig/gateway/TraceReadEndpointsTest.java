package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.gateway.traces.LookupTrace;
import dev.geodig.testkit.JaegerExtension;
import dev.geodig.testkit.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The read endpoints of the trace search (the search, the services, a service's operations, the service map)
 * on the real gateway in front of a real Jaeger holding two lookups: each answer as its JSON Schema in
 * {@code docs/schemas} documents it, and each bad request a 400 problem naming the parameter at fault.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceReadEndpointsTest {

    @RegisterExtension
    static final JaegerExtension jaeger = new JaegerExtension(100);

    private static final LookupTrace WHOLE = LookupTrace.of("www.geodig.test").startingAt(Instant.now().minusSeconds(20));
    private static final LookupTrace PARTIAL = LookupTrace.of("partial.geodig.test").startingAt(Instant.now().minusSeconds(10))
            .lasting(Duration.ofSeconds(5)).answeredBy("us-east-1");

    @DynamicPropertySource
    static void jaegerHere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.jaeger-query-url", jaeger::queryUrl);
        registry.add("geodig.gateway.jaeger-max-traces", jaeger::maxTraces);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeAll
    static void storeTwoLookups() {
        jaeger.send(WHOLE.otlpJson());
        jaeger.send(PARTIAL.otlpJson());
    }

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
        await("Jaeger has the two lookups").atMost(Duration.ofSeconds(10))
                .until(() -> gateway.get("/api/v1/traces").json().path("traces").size() == 2);
    }

    private Answer documented(String path, String schema) {
        Answer answer = gateway.get(path);
        assertThat(answer.status()).as("%s: %s", path, answer.response().body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(Schemas.violations(schema, answer.response().body())).as("%s by %s", answer.response().body(), schema).isEmpty();
        return answer;
    }

    @Test
    void theSearchListsTheLookupsNewestFirst() {
        JsonNode list = documented("/api/v1/traces", "trace-list.schema.json").json();

        assertThat(list.path("traces").valueStream().map(trace -> trace.path("trace_id").asString()))
                .containsExactly(PARTIAL.traceId(), WHOLE.traceId());
        JsonNode partial = list.path("traces").get(0);
        assertThat(partial.path("domain").asString()).isEqualTo("partial.geodig.test");
        assertThat(partial.path("lookup_status").asString()).isEqualTo("partial");
        assertThat(partial.path("duration_ms").asDouble()).isEqualTo(5000.0);
        assertThat(partial.path("root").path("operation").asString()).isEqualTo("POST /api/v1/dns/lookup");
        assertThat(list.path("limit").asInt()).isEqualTo(20);
        assertThat(list.path("complete").asBoolean()).isTrue();
    }

    @Test
    void theSearchFiltersByTagStatusAndDuration() {
        String byDomain = "/api/v1/traces?tag=dns.domain%3Dwww.geodig.test&lookback=5m";
        String byStatus = "/api/v1/traces?tag=result.status=partial&tag=worker.location=us-east-1&min_duration=1s&max_duration=5s";

        assertThat(documented(byDomain, "trace-list.schema.json").json().path("traces").valueStream()
                .map(trace -> trace.path("trace_id").asString())).containsExactly(WHOLE.traceId());
        assertThat(documented(byStatus, "trace-list.schema.json").json().path("traces").valueStream()
                .map(trace -> trace.path("trace_id").asString())).containsExactly(PARTIAL.traceId());
        assertThat(documented("/api/v1/traces?service=dns-worker-eu-west-1", "trace-list.schema.json").json().path("traces").valueStream()
                .map(trace -> trace.path("trace_id").asString())).containsExactly(WHOLE.traceId());
    }

    @Test
    void theServicesAndTheirOperations() {
        JsonNode services = documented("/api/v1/services", "service-list.schema.json").json();
        JsonNode operations = documented("/api/v1/services/dns-orchestrator/operations", "operation-list.schema.json").json();

        assertThat(services.path("services").valueStream().map(JsonNode::asString)).containsExactly("dns-gateway",
                "dns-orchestrator", "dns-worker-asia-south-1", "dns-worker-eu-west-1", "dns-worker-us-east-1");
        assertThat(operations.path("service").asString()).isEqualTo("dns-orchestrator");
        assertThat(operations.path("operations").valueStream().map(op -> op.path("name").asString() + " " + op.path("span_kind").asString()))
                .containsExactly("POST /internal/v1/lookups SERVER", "XADD CLIENT", "orchestrate_dns_lookup INTERNAL",
                        "publish_dns_task PRODUCER", "wait_for_results INTERNAL");
        assertThat(documented("/api/v1/services/no-such-service/operations", "operation-list.schema.json").json()
                .path("operations").isEmpty()).isTrue();
    }

    @Test
    void theServiceMapOfTheTwoLookups() {
        JsonNode map = documented("/api/v1/service-map?lookback=5m", "service-map.schema.json").json();

        assertThat(map.path("traces").asInt()).isEqualTo(2);
        assertThat(map.path("complete").asBoolean()).isTrue();
        assertThat(map.path("edges").valueStream().map(edge -> edge.path("from").asString() + " " + edge.path("kind").asString()
                + " " + edge.path("to").asString() + " " + edge.path("calls").asLong())).containsExactly(
                "dns-gateway http dns-orchestrator 2",
                "dns-orchestrator publish dns:tasks 2",
                "dns-worker-asia-south-1 publish dns:results 1",
                "dns-worker-eu-west-1 publish dns:results 1",
                "dns-worker-us-east-1 publish dns:results 2",
                "dns:results consume dns-orchestrator 4",
                "dns:tasks consume dns-worker-asia-south-1 1",
                "dns:tasks consume dns-worker-eu-west-1 1",
                "dns:tasks consume dns-worker-us-east-1 2");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/traces?limit=0 | limit",
        "/api/v1/traces?limit=201 | limit",
        "/api/v1/traces?domain=www.geodig.test | domain",
        "/api/v1/traces?tag=dns.domain | tag",
        "/api/v1/traces?tag=error=maybe | tag",
        "/api/v1/traces?lookback=2h | lookback",
        "/api/v1/traces?lookback=1h&start=2026-01-01T00:00:00Z&end=2026-01-01T01:00:00Z | lookback",
        "/api/v1/traces?start=yesterday&end=2026-01-01T01:00:00Z | start",
        "/api/v1/traces?start=2026-01-01T00:00:00Z | end",
        "/api/v1/traces?min_duration=fast | min_duration",
        "/api/v1/traces?min_duration=2s&max_duration=1s | max_duration",
        "/api/v1/traces?service=%3Cscript%3E | service",
        "/api/v1/traces?operation=%1B%5B31m | operation",
        "/api/v1/services?service=dns-gateway | service",
        "/api/v1/services/dns%20gateway/operations | service",
        "/api/v1/services/dns-gateway/operations?span_kind=server | span_kind",
        "/api/v1/service-map?limit=1001 | limit",
        "/api/v1/service-map?limit=0 | limit",
        "/api/v1/service-map?lookback=1w | lookback",
        "/api/v1/service-map?service=dns-gateway | service",
        "/api/v1/service-map?start=2026-01-01T00:00:00Z&end=2026-01-03T00:00:00Z | end",
    })
    void badInputIsA400NamingTheParameter(String path, String field) {
        Answer answer = gateway.get(path);

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, field)).as("%s", answer.response().body()).isNotEmpty();
    }

    @Test
    void aQueryThatIsNotPercentEncodingIsA400NamingTheQuery() {
        // Sent byte for byte: no HTTP client library lets '%zz' through.
        for (String path : List.of("/api/v1/traces?tag=dns.domain=%zz", "/api/v1/service-map?%ZZ=1")) {
            RawHttp.Reply reply = new RawHttp(port, Duration.ofSeconds(10)).exchange(("GET " + path
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            assertThat(reply.status()).as("%s", reply).isEqualTo(400);
            assertThat(PublicApiPropertyTest.problemViolations(reply)).isEmpty();
            assertThat(reply.json().path("errors").get(0).path("field").asString()).isEqualTo("query");
        }
    }

    @Test
    void theReadEndpointsTakeOnlyGet() {
        for (String path : List.of("/api/v1/traces", "/api/v1/services", "/api/v1/services/dns-gateway/operations",
                "/api/v1/service-map")) {
            Answer answer = gateway.send(gateway.request(path).DELETE());
            assertProblem(answer, 405);
        }
    }
}
