package dev.geodig.orchestrator.lookup;

import static dev.geodig.orchestrator.RunningOrchestrator.LOOKUPS;
import static dev.geodig.orchestrator.RunningOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.InvalidLookupRequestException;
import dev.geodig.contract.LookupRequestReader;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.RunningOrchestrator;
import dev.geodig.orchestrator.WorkerSide;
import dev.geodig.testkit.RedisExtension;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The orchestrator over real HTTP with a real Redis: answers, RFC 9457 problems, health, spans. */
class LookupHttpTest {

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> ALL = List.of("us-east-1", "eu-west-1", "asia-south-1");

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    static RunningOrchestrator orchestrator;

    private WorkerSide worker;

    @BeforeAll
    static void start() {
        orchestrator = RunningOrchestrator.start(otel.getOpenTelemetry(), Map.of(
                "geodig.redis.url", redis.url(),
                "geodig.orchestrator.result-deadline", "2s"));
    }

    @AfterAll
    static void stop() {
        orchestrator.close();
    }

    @BeforeEach
    void connectWorkerSide() {
        worker = new WorkerSide(redis.url());
    }

    @AfterEach
    void closeWorkerSide() {
        worker.close();
    }

    @Test
    void answersTheReportWhenEveryLocationAnswers() throws Exception {
        CompletableFuture<DnsTask> answered = worker.answerNextTask(worker.lastId(Streams.TASKS), ALL);

        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", "{\"domain\": \"WWW.geodig.test.\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode report = json(response);
        DnsTask task = answered.get(15, TimeUnit.SECONDS);
        assertThat(report.get("status").asString()).isEqualTo("success");
        assertThat(report.get("trace_id").asString()).matches("[0-9a-f]{32}").isEqualTo(task.traceId());
        // Normalized by the orchestrator's own validation, defaults filled in.
        assertThat(report.get("domain").asString()).isEqualTo("www.geodig.test");
        assertThat(task.domain()).isEqualTo("www.geodig.test");
        assertThat(task.locations()).containsExactlyElementsOf(ALL);
        assertThat(task.recordTypes()).containsExactly("A", "AAAA", "MX", "TXT", "NS");
        assertThat(report.get("results").propertyNames()).containsExactlyElementsOf(ALL);
        assertThat(report.get("results").get("eu-west-1").get("status").asString()).isEqualTo("success");
    }

    @Test
    void theTraceOfALookupHoldsTheDesignsSpansFromTheConfiguredOpenTelemetry() throws Exception {
        CompletableFuture<DnsTask> answered = worker.answerNextTask(worker.lastId(Streams.TASKS), ALL);

        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", "{\"domain\": \"www.geodig.test\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        DnsTask task = answered.get(15, TimeUnit.SECONDS);
        SpanData orchestrate = onlySpan(LookupOrchestration.ORCHESTRATE_SPAN);
        SpanData publish = onlySpan(LookupOrchestration.PUBLISH_SPAN);
        SpanData wait = onlySpan(LookupOrchestration.WAIT_SPAN);
        assertThat(orchestrate.getTraceId()).isEqualTo(task.traceId()).isEqualTo(json(response).get("trace_id").asString());
        assertThat(publish.getParentSpanId()).isEqualTo(orchestrate.getSpanId());
        assertThat(wait.getParentSpanId()).isEqualTo(orchestrate.getSpanId());
        assertThat(task.traceContext().get("traceparent")).contains(task.traceId() + "-" + publish.getSpanId());
    }

    @Test
    void answersTimeoutWith200WhenNoLocationAnswers() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json",
                "{\"domain\": \"www.geodig.test\", \"locations\": [\"asia-south-1\"], \"record_types\": [\"a\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.get("status").asString()).isEqualTo("timeout");
        assertThat(report.get("record_types").get(0).asString()).isEqualTo("A");
        assertThat(report.get("results").get("asia-south-1").get("status").asString()).isEqualTo("timeout");
        // The lookup is over: nothing of it is left waiting.
        assertThat(json(orchestrator.get(LOOKUPS + "/waiting")).get("waiting").asInt()).isZero();
    }

    @Test
    void anInvalidDomainIsAProblemNamingTheField() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", "{\"domain\": \"bad_domain..example\"}");

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("domain");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isNotBlank();
    }

    @Test
    void anUnknownLocationIsAProblemNamingTheField() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json",
                "{\"domain\": \"www.geodig.test\", \"locations\": [\"mars-north-1\"]}");

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("locations");
        assertThat(problem.get("errors").get(0).get("reason").asString()).contains("mars-north-1");
    }

    @Test
    void everyProblemOfABodyIsReportedAtOnce() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json",
                "{\"domain\": \"\", \"record_types\": [\"BOGUS\"]}");

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("domain", "record_types");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"domain\": ", "not json", "[]", "null", "", "{\"domain\": \"www.geodig.test\"} trailing"})
    void anUnreadableBodyIsA400Problem(String body) {
        JsonNode problem = problem(orchestrator.post(LOOKUPS, "application/json", body), 400);

        assertThat(problem.get("errors").get(0).get("reason").asString()).isNotBlank();
    }

    /** The gateway's answers are the reference: the same reader and the same problem, so the same JSON. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "{\"domain\": ", "[]", "{\"domain\": \"www.geodig.test\", \"record_type\": [\"A\"]}",
        "{\"domain\": 1, \"locations\": [2]}", "{\"domain\": \"a..b\", \"locations\": [\"mars-north-1\"]}"})
    void aBadBodyGetsTheProblemTheGatewayGivesIt(String body) {
        Problem expected = rejectionOf(body).problem().at(LOOKUPS);

        JsonNode problem = problem(orchestrator.post(LOOKUPS, "application/json", body), 400);

        assertThat(problem).isEqualTo(JsonMapper.shared().valueToTree(expected));
    }

    @Test
    void aValueOfTheWrongJsonTypeNamesItsField() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json",
                "{\"domain\": \"www.geodig.test\", \"locations\": {\"us-east-1\": true}}");

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("locations");
    }

    /** Spring MVC's own errors are the gateway's problems too: the field at fault, the path as instance. */
    @Test
    void aWrongContentTypeIs415ProblemNamingTheHeader() {
        JsonNode problem = problem(orchestrator.post(LOOKUPS, "text/plain", "{\"domain\": \"www.geodig.test\"}"), 415);

        assertThat(problem.get("instance").asString()).isEqualTo(LOOKUPS);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Content-Type");
        assertThat(problem.get("errors").get(0).get("reason").asString()).contains("application/json", "text/plain");
    }

    @Test
    void getIs405ProblemNamingTheMethod() {
        JsonNode problem = problem(orchestrator.get(LOOKUPS), 405);

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("method");
        assertThat(problem.get("errors").get(0).get("reason").asString()).contains("POST", "GET");
    }

    @Test
    void anUnknownPathIs404ProblemNamingThePath() {
        JsonNode problem = problem(orchestrator.get("/internal/v1/nothing-here"), 404);

        assertThat(problem.get("instance").asString()).isEqualTo("/internal/v1/nothing-here");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("path");
        assertThat(problem.get("errors").get(0).get("reason").asString()).contains("POST " + LOOKUPS);
    }

    @Test
    void readyAndLiveWhileRedisIsReachable() {
        HttpResponse<String> readiness = orchestrator.get("/actuator/health/readiness");
        HttpResponse<String> liveness = orchestrator.get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("status").asString()).isEqualTo("UP");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asString()).isEqualTo("UP");
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    private static InvalidLookupRequestException rejectionOf(String body) {
        try {
            throw new AssertionError("accepted " + new LookupRequestReader(ALL).read(body.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidLookupRequestException e) {
            return e;
        }
    }

    private static SpanData onlySpan(String name) {
        List<SpanData> named = otel.getSpans().stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.getFirst();
    }
}
