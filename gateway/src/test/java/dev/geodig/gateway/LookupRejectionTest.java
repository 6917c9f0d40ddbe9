package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.geodig.contract.InvalidLookupRequestException;
import dev.geodig.contract.LookupRequestReader;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.Filter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every way a client can get a request wrong, through a real HTTP port: each answer is an RFC 9457
 * problem naming the field, never a 500. The orchestrator URL points at a closed loopback port, so
 * a request that wrongly passed validation would show up as 503, not as the expected 4xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LookupRejectionTest {

    private static final String LOOKUP = "/api/v1/dns/lookup";
    private static final int MAX_BODY_BYTES = 8192;
    // With no span processor the SDK hands out invalid spans; an in-memory exporter makes them real.
    private static final SdkTracerProvider TRACING = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
            .build();

    @DynamicPropertySource
    static void orchestratorNowhere(DynamicPropertyRegistry registry) {
        // Nothing listens on a free port: connection refused, at once.
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.max-body-bytes", () -> MAX_BODY_BYTES);
    }

    /** Stands in for the Java agent, which makes a server span current before any filter runs. */
    @TestConfiguration
    static class ServerSpanLikeTheAgent {
        @Bean
        FilterRegistrationBean<Filter> serverSpan() {
            Tracer tracer = TRACING.get("test-agent");
            Filter filter = (request, response, chain) -> {
                Span span = tracer.spanBuilder("POST").setSpanKind(SpanKind.SERVER).startSpan();
                try (Scope ignored = span.makeCurrent()) {
                    chain.doFilter(request, response);
                } finally {
                    span.end();
                }
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    /**
     * Each case: what is wrong, the body, the field the problem must name, a word its reason must hold.
     * One of each kind: the contract's {@code LookupRequestReaderTest} and {@code LookupRequestValidatorTest}
     * hold every case of each.
     */
    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("empty body", "", "body", "empty"),
                arguments("broken on line 3", "{\n  \"domain\": \"google.com\",\n  \"locations\": [\"us-east-1\",]\n}", "body", "line 3"),
                arguments("JSON array", "[\"google.com\"]", "body", "JSON object"),
                arguments("duplicate key", "{\"domain\": \"google.com\", \"domain\": \"evil.com\"}", "body", "domain"),
                arguments("typo record_type", "{\"domain\": \"google.com\", \"record_type\": [\"A\"]}", "record_type", "not a known property"),
                arguments("domain a number", "{\"domain\": 123}", "domain", "JSON string"),
                arguments("record type a list", "{\"domain\": \"google.com\", \"record_types\": [\"A\", [\"AAAA\"]]}", "record_types[1]", "JSON string"),
                arguments("no domain", "{}", "domain", "required"),
                arguments("URL instead of a name", "{\"domain\": \"https://google.com/\"}", "domain", "':'"),
                arguments("unknown location", "{\"domain\": \"google.com\", \"locations\": [\"mars-1\"]}", "locations", "unknown location"),
                arguments("unsupported type ANY", "{\"domain\": \"google.com\", \"record_types\": [\"ANY\"]}", "record_types", "unsupported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void rejectsABadBodyWithAProblemNamingTheField(String what, String body, String field, String reasonPart) {
        Answer answer = gateway.postJson(LOOKUP, body);

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, field)).as("reasons for %s in %s", field, answer.response().body())
                .anySatisfy(reason -> assertThat(reason).containsIgnoringCase(reasonPart));
    }

    @Test
    void rejectsInvalidUtf8WithA400() {
        byte[] body = "{\"domain\": \"g?oogle.com\"}".getBytes(StandardCharsets.US_ASCII);
        body[13] = (byte) 0xff;

        Answer answer = gateway.postJson(LOOKUP, body);

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, "body")).singleElement().asString().contains("UTF-8");
    }

    @Test
    void neverEchoesAHugeTokenInTheReason() {
        String body = "{\"domain\": " + "x".repeat(MAX_BODY_BYTES - 20) + "}";

        Answer answer = gateway.postJson(LOOKUP, body);

        assertProblem(answer, 400);
        assertThat(answer.response().body().length()).isLessThan(1500);
    }

    /** The orchestrator answers the same body the same: both answer with what the contract's reader finds. */
    @Test
    void answersABadBodyWithExactlyTheProblemTheReaderGivesIt() {
        String body = "{\"domain\": \"a..b\", \"locations\": [\"mars-1\"], \"record_types\": [\"FOO\"]}";
        Problem expected;
        try {
            throw new AssertionError("accepted " + new LookupRequestReader(List.of("us-east-1", "eu-west-1", "asia-south-1"))
                    .read(body.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidLookupRequestException e) {
            expected = e.problem().at(LOOKUP);
        }

        Answer answer = gateway.postJson(LOOKUP, body);

        assertProblem(answer, 400);
        ObjectNode answered = (ObjectNode) answer.json();
        assertThat(answered.remove("trace_id").asString()).as("the server span's trace").matches("[0-9a-f]{32}");
        assertThat(answered).isEqualTo(JsonMapper.shared().valueToTree(expected));
        assertThat(expected.errors()).extracting(FieldError::field).containsExactly("domain", "locations", "record_types");
    }

    @Test
    void rejectsAnotherContentTypeWith415() {
        Answer answer = gateway.send(gateway.request(LOOKUP).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"google.com\"}")));

        assertProblem(answer, 415);
        assertThat(reasonsFor(answer, "Content-Type")).singleElement().asString().contains("application/json");
    }

    @Test
    void rejectsAFormPostWith415() {
        Answer answer = gateway.send(gateway.request(LOOKUP).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("domain=google.com")));

        assertProblem(answer, 415);
    }

    @Test
    void rejectsABodyWithoutContentTypeWith415() {
        Answer answer = gateway.send(gateway.request(LOOKUP).POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"google.com\"}")));

        assertProblem(answer, 415);
    }

    @Test
    void answersAProblemEvenToAClientThatAcceptsOnlyHtml() {
        Answer invalid = gateway.send(gateway.request(LOOKUP).header("Content-Type", "application/json").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"a..b\"}")));
        Answer valid = gateway.send(gateway.request(LOOKUP).header("Content-Type", "application/json").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"google.com\"}")));

        // The answer would be JSON, which this client refuses: 406 before the lookup runs, valid or not.
        assertProblem(invalid, 406);
        assertProblem(valid, 406);
        assertThat(reasonsFor(valid, "Accept")).singleElement().asString().contains("application/json");
    }

    @Test
    void answersAProblemToAnUnreadableAcceptHeader() {
        Answer answer = gateway.send(gateway.request(LOOKUP).header("Content-Type", "application/json").header("Accept", "garbage")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"google.com\"}")));

        assertProblem(answer, 406);
        assertThat(reasonsFor(answer, "Accept")).singleElement().asString().contains("garbage");
    }

    @Test
    void rejectsGetWith405AndSaysWhatIsAllowed() {
        Answer answer = gateway.send(gateway.request(LOOKUP).GET());

        assertProblem(answer, 405);
        assertThat(answer.header("Allow")).contains("POST");
        assertThat(reasonsFor(answer, "method")).singleElement().asString().contains("POST");
    }

    @Test
    void rejectsPutAndDeleteWith405() {
        Answer put = gateway.send(gateway.request(LOOKUP).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"domain\": \"google.com\"}")));
        Answer delete = gateway.send(gateway.request(LOOKUP).DELETE());

        assertProblem(put, 405);
        assertProblem(delete, 405);
    }

    @Test
    void answersAnUnknownPathWith404ForAnyMethod() {
        Answer get = gateway.send(gateway.request("/api/v1/dns/lookups").GET());
        Answer post = gateway.postJson("/api/v2/dns/lookup", "{\"domain\": \"google.com\"}");

        assertProblem(get, 404);
        assertProblem(post, 404);
        assertThat(reasonsFor(post, "path")).isNotEmpty();
        assertThat(post.json().get("instance").asString()).isEqualTo("/api/v2/dns/lookup");
    }

    @Test
    void rejectsABodyOverTheLimitBeforeParsingIt() {
        Answer answer = gateway.postJson(LOOKUP, paddedBody(MAX_BODY_BYTES * 12));

        assertProblem(answer, 413);
        assertThat(reasonsFor(answer, "body")).singleElement().asString().contains(String.valueOf(MAX_BODY_BYTES));
    }

    @Test
    void rejectsAChunkedBodyOverTheLimitThatDeclaresNoLength() {
        Answer answer = gateway.postJsonChunked(LOOKUP, paddedBody(MAX_BODY_BYTES * 12));

        assertProblem(answer, 413);
    }

    @Test
    void rejectsABodyOneByteOverTheLimit() {
        assertProblem(gateway.postJson(LOOKUP, paddedBody(MAX_BODY_BYTES + 1)), 413);
        assertProblem(gateway.postJsonChunked(LOOKUP, paddedBody(MAX_BODY_BYTES + 1)), 413);
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        // Accepted means: validated and sent on; the orchestrator is not there, so 503.
        assertThat(gateway.postJson(LOOKUP, paddedBody(MAX_BODY_BYTES)).status()).isEqualTo(503);
        assertThat(gateway.postJsonChunked(LOOKUP, paddedBody(MAX_BODY_BYTES)).status()).isEqualTo(503);
    }

    @Test
    void answers503WithTheTraceIdWhenTheOrchestratorIsUnreachable() {
        Answer answer = gateway.postJson(LOOKUP, """
                {"domain": "google.com", "locations": ["us-east-1", "eu-west-1", "asia-south-1"], "record_types": ["A", "AAAA"]}""");

        assertProblem(answer, 503);
        assertThat(answer.json().get("detail").asString()).contains("unreachable");
        assertThat(answer.json().get("trace_id").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void sendsOnARequestThatLeavesLocationsAndTypesToTheDefaults() {
        Answer answer = gateway.postJson(LOOKUP, "{\"domain\": \"Bücher.DE.\"}");

        assertThat(answer.status()).isEqualTo(503);
    }

    @Test
    void acceptsJsonWithACharsetParameter() {
        Answer answer = gateway.send(gateway.request(LOOKUP).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"google.com\"}")));

        assertThat(answer.status()).isEqualTo(503);
    }

    @Test
    void putsTheServerSpansTraceresponseOnEveryAnswer() {
        List<Answer> answers = List.of(
                gateway.postJson(LOOKUP, "{\"domain\": \"a..b\"}"),
                gateway.postJson(LOOKUP, paddedBody(MAX_BODY_BYTES + 1)),
                gateway.send(gateway.request(LOOKUP).GET()),
                gateway.postJson(LOOKUP, "{\"domain\": \"google.com\"}"),
                gateway.send(gateway.request("/actuator/health/liveness").GET()));

        for (Answer answer : answers) {
            String traceresponse = answer.header("traceresponse");
            assertThat(traceresponse).as("traceresponse of a %d", answer.status()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
            if (answer.json() != null && answer.json().has("trace_id")) {
                assertThat(traceresponse).contains("-" + answer.json().get("trace_id").asString() + "-");
            }
        }
        assertThat(answers.stream().map(a -> a.header("traceresponse")).distinct()).hasSize(answers.size());
    }

    /** A valid request padded with whitespace to exactly {@code size} bytes. */
    private static byte[] paddedBody(int size) {
        String json = "{\"domain\": \"google.com\"}";
        byte[] body = (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.US_ASCII);
        assertThat(body).hasSize(size);
        return body;
    }
}
