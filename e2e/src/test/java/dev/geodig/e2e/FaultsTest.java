package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Every injected fault on the running topology, switched through the gateway's faults API as the page and the
 * terminal client do: the lookup's answer shows it, its trace read back from Jaeger has the failed span with
 * {@code error.type}, the exception event and the flag evaluation on the span where the fault acted; the fault
 * acts within 2 s of being set, and 2 s after it is cleared lookups succeed again. Then a rate: half the lookups.
 */
// After MetricsTest: the timeouts and errors injected here would fall in the windows its rates are read over.
@Order(10)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    /** How soon a change of faults acts, as docs/faults.md promises. */
    private static final Duration TAKES_EFFECT = Duration.ofSeconds(2);
    private static final String LOCATION = Gateway.LOCATIONS.get(1);
    private static final String WORKER = "dns-worker-" + LOCATION;
    private static final String INJECTED = "dev.geodig.boot.faults.InjectedFaultException";
    private static final List<String> TYPES = List.of("A", "AAAA");

    private GeodigTopology topology;
    private Gateway gateway;
    private Jaeger jaeger;

    @BeforeAll
    void connect(GeodigTopology topology) {
        this.topology = topology;
        this.gateway = new Gateway(topology);
        this.jaeger = new Jaeger(topology);
    }

    @AfterEach
    void clearAndHeal() throws InterruptedException {
        HttpJson.Reply cleared = HttpJson.send("DELETE", faultsUrl(""), null);
        assertThat(cleared.status()).as("DELETE /api/v1/faults: %s", cleared.body()).isEqualTo(200);
        Thread.sleep(TAKES_EFFECT);
        // A lookup still held by a fault the services had not yet seen cleared may time out: try again.
        await("every location answers again").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, TYPES));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }

    @Test
    @Order(1)
    void workerFailMakesTheLocationAnErrorSayingWhyAndClearingItHeals() throws InterruptedException {
        JsonNode report = lookupWith("worker-fail", "{\"location\":\"" + LOCATION + "\",\"rate_percent\":100}");

        assertThat(report.path("status").asString()).isEqualTo("partial");
        JsonNode here = report.path("results").path(LOCATION);
        assertThat(here.path("status").asString()).isEqualTo("error");
        assertThat(here.path("error").asString()).contains("injected fault worker-fail " + LOCATION + " 100 %");
        JaegerTrace.Span process = processSpan(report);
        assertFailedByInjection(process, "worker-fail", "the worker failed the task");

        assertHealsWhenCleared();
    }

    @Test
    @Order(2)
    void workerDropLeavesTheLocationWithoutAResult() throws InterruptedException {
        JsonNode report = lookupWith("worker-drop", "{\"location\":\"" + LOCATION + "\",\"rate_percent\":100}");

        assertThat(report.path("status").asString()).isEqualTo("partial");
        assertThat(report.path("results").path(LOCATION).path("status").asString()).isEqualTo("timeout");
        assertFailedByInjection(processSpan(report), "worker-drop", "the worker dropped the task");

        assertHealsWhenCleared();
    }

    @Test
    @Order(3)
    void dnsDelaySlowsEveryQueryOfTheLocationAndTheLookupSpansShowIt() throws InterruptedException {
        JsonNode report = lookupWith("dns-delay", "{\"location\":\"" + LOCATION + "\",\"rate_percent\":100,\"delay_ms\":800}");

        assertThat(report.path("status").asString()).isEqualTo("success");
        for (String type : TYPES) {
            assertThat(report.path("results").path(LOCATION).path("records").path(type).path("duration_ms").asLong())
                    .as("%s in %s", type, LOCATION).isGreaterThanOrEqualTo(800);
        }
        // The lookup spans end before process_dns_task, and may reach Jaeger in an earlier batch: wait for both.
        JaegerTrace trace = traceOf(report, t -> t.named("lookup_aaaa_record").size() == Gateway.LOCATIONS.size()
                && t.ofService(WORKER).stream().anyMatch(s -> s.operationName().equals("process_dns_task")));
        List<JaegerTrace.Span> slowed = trace.ofService(WORKER).stream().filter(s -> s.operationName().matches("lookup_.+_record")).toList();
        assertThat(slowed).hasSize(TYPES.size()).allSatisfy(span -> {
            assertThat(span.durationMicros()).isGreaterThanOrEqualTo(800_000);
            assertThat(span.tag("geodig.fault.injected")).isEqualTo("dns-delay");
        });
        assertThat(flagEvaluation(trace.ofService(WORKER).stream().filter(s -> s.operationName().equals("process_dns_task"))
                .findFirst().orElseThrow())).containsEntry("feature_flag.key", "dns-delay");

        assertHealsWhenCleared();
    }

    @Test
    @Order(4)
    void dnsServfailFailsTheChosenRecordTypeOnly() throws InterruptedException {
        JsonNode report = lookupWith("dns-servfail", "{\"location\":\"" + LOCATION + "\",\"rate_percent\":100,\"record_type\":\"AAAA\"}");

        assertThat(report.path("status").asString()).isEqualTo("partial");
        JsonNode records = report.path("results").path(LOCATION).path("records");
        assertThat(records.path("AAAA").path("rcode").asString()).isEqualTo("SERVFAIL");
        assertThat(records.path("A").path("rcode").asString()).isEqualTo("NOERROR");
        JaegerTrace trace = traceOf(report, t -> t.named("lookup_aaaa_record").size() == Gateway.LOCATIONS.size());
        JaegerTrace.Span aaaa = trace.ofService(WORKER).stream().filter(s -> s.operationName().equals("lookup_aaaa_record"))
                .findFirst().orElseThrow();
        assertThat(aaaa.failed()).isTrue();
        assertThat(aaaa.tag("error.type")).isEqualTo("SERVFAIL");
        assertThat(aaaa.tag("geodig.fault.injected")).isEqualTo("dns-servfail");

        assertHealsWhenCleared();
    }

    /**
     * The instance that receives the task exits; the supervisor starts it again. This topology runs two workers per
     * location, so the task left pending may be claimed by the other in time (a second delivery, which the fault
     * never acts on): the location then answers, late; otherwise it times out. Either way the trace has the failed
     * span that says why.
     */
    @Test
    @Order(5)
    void workerExitIsSeenInTheTraceAndTheSupervisorStartsTheWorkerAgain() throws InterruptedException {
        List<String> instances = topology.processes().workerInstances(LOCATION);
        Map<String, Long> pids = instances.stream().collect(Collectors.toMap(name -> name, topology.processes()::pid));

        JsonNode report = lookupWith("worker-exit", "{\"location\":\"" + LOCATION + "\",\"rate_percent\":100}");
        // Off again at once: a worker started again must not exit on the next lookup's task too.
        assertThat(HttpJson.send("DELETE", faultsUrl("/worker-exit"), null).status()).isEqualTo(200);

        assertThat(report.path("results").path(LOCATION).path("status").asString()).isIn("timeout", "success");
        JaegerTrace trace = traceOf(report, t -> t.ofService(WORKER).stream().anyMatch(s -> s.operationName().equals("process_dns_task")
                && s.failed()));
        assertFailedByInjection(trace.ofService(WORKER).stream().filter(s -> s.operationName().equals("process_dns_task") && s.failed())
                .findFirst().orElseThrow(), "worker-exit", "the worker exits");
        await("the supervisor starts the exited worker again").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> instances.stream().anyMatch(name -> topology.processes().pid(name) != pids.get(name)));
    }

    @Test
    @Order(6)
    void orchestratorDelayPastTheGatewaysDeadlineIsA504AndTheTraceSaysWhy() throws InterruptedException {
        set("orchestrator-delay", "{\"rate_percent\":100,\"delay_ms\":10500}");
        Thread.sleep(TAKES_EFFECT);

        HttpJson.Reply reply = HttpJson.send("POST", topology.gatewayUrl() + Gateway.LOOKUP_PATH,
                Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, TYPES), Duration.ofSeconds(20));

        assertThat(reply.status()).as(reply.body()).isEqualTo(504);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        String traceId = reply.json().path("trace_id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        JaegerTrace trace = jaeger.awaitTrace(traceId, TraceInJaegerTest.ARRIVAL_BOUND,
                t -> !t.named("orchestrate_dns_lookup").isEmpty() && !t.named("process_dns_task").isEmpty()).orElseThrow();
        JaegerTrace.Span orchestrate = trace.named("orchestrate_dns_lookup").getFirst();
        assertThat(orchestrate.tag("geodig.fault.injected")).isEqualTo("orchestrator-delay");
        assertThat(flagEvaluation(orchestrate)).containsEntry("feature_flag.key", "orchestrator-delay")
                .containsEntry("feature_flag.result.variant", "on");
        assertThat(trace.ofService(ServiceNames.GATEWAY)).anySatisfy(span -> assertThat(span.failed()).isTrue());
    }

    /**
     * Half the lookups: with worker-drop at 50 % in one location, 200 lookups give between 35 % and 65 % partial
     * (a binomial bound 4.2 standard deviations wide each way), and the traces with the drop are exactly the partial
     * lookups' (found by the trace search, by the attribute the dropping span carries).
     */
    @Test
    @Order(7)
    void aRateOfHalfDropsAboutHalfAndEachDropIsInItsTrace() throws InterruptedException {
        set("worker-drop", "{\"location\":\"" + LOCATION + "\",\"rate_percent\":50}");
        Thread.sleep(TAKES_EFFECT);
        Instant start = Instant.now();
        List<JsonNode> reports = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<CompletableFuture<HttpJson.Reply>> inFlight = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                inFlight.add(gateway.lookupAsync(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A"))));
            }
            for (CompletableFuture<HttpJson.Reply> reply : inFlight) {
                HttpJson.Reply answered = HttpJson.await(reply);
                assertThat(answered.status()).as(answered.body()).isEqualTo(200);
                reports.add(answered.json());
            }
        }
        Set<String> partial = reports.stream().filter(r -> r.path("status").asString().equals("partial"))
                .map(r -> r.path("trace_id").asString()).collect(Collectors.toSet());

        assertThat(partial.size()).as("partial lookups of 200").isBetween(70, 130);
        assertThat(reports).allSatisfy(r -> assertThat(r.path("results").path(LOCATION).path("status").asString())
                .isEqualTo(partial.contains(r.path("trace_id").asString()) ? "timeout" : "success"));
        await("every drop is found in its trace").atMost(TraceInJaegerTest.ARRIVAL_BOUND).pollInterval(Duration.ofSeconds(1))
                .until(() -> Set.copyOf(tracesWith("geodig.fault.injected=worker-drop", start)), partial::equals);
        // As an operator finds them on the page's Traces view: the lookups with a failed span are exactly those.
        assertThat(Set.copyOf(tracesWith("error=true", start))).isEqualTo(partial);
    }

    /** {@code ./geodig faults} as a user types it: list, set, refuse, clear, with its exit codes. */
    @Test
    @Order(8)
    void theTerminalClientListsSetsAndClearsFaultsWithItsExitCodes() {
        GeodigCommand.ClientRun set = geodig("faults", "set", "dns-delay@" + LOCATION, "800ms", "--rate", "50");
        assertThat(set.exitCode()).as("%s", set).isZero();
        assertThat(set.stdout().getFirst()).isEqualTo("1 fault on: dns-delay " + LOCATION + " +800 ms 50 %");

        GeodigCommand.ClientRun list = geodig("faults");
        assertThat(list.exitCode()).as("%s", list).isZero();
        assertThat(list.stdout()).contains("1 fault on: dns-delay " + LOCATION + " +800 ms 50 %");
        assertThat(list.stdout()).anySatisfy(line -> assertThat(line).matches("dns-delay +" + LOCATION + " +\\+800 ms +50 %"));
        assertThat(list.stdout()).anySatisfy(line -> assertThat(line).matches("worker-drop +- +off"));
        JsonNode view = HttpJson.get(faultsUrl("")).json();
        assertThat(view.path("active")).singleElement().satisfies(active -> {
            assertThat(active.path("fault").asString()).isEqualTo("dns-delay");
            assertThat(active.path("delay_ms").asInt()).isEqualTo(800);
            assertThat(active.path("rate_percent").asInt()).isEqualTo(50);
        });

        GeodigCommand.ClientRun unknown = geodig("faults", "set", "dns-explode@" + LOCATION, "on");
        assertThat(unknown.exitCode()).as("%s", unknown).isEqualTo(2);
        GeodigCommand.ClientRun nowhere = geodig("faults", "set", "worker-drop@mars-north-1", "50%");
        assertThat(nowhere.exitCode()).as("%s", nowhere).isEqualTo(2);
        assertThat(String.join("\n", nowhere.stderr())).contains("location");

        GeodigCommand.ClientRun clear = geodig("faults", "clear");
        assertThat(clear.exitCode()).as("%s", clear).isZero();
        assertThat(HttpJson.get(faultsUrl("")).json().path("active").isEmpty()).isTrue();
    }

    private GeodigCommand.ClientRun geodig(String... args) {
        GeodigCommand.ClientRun run = topology.command().run(TerminalClientTest.COMMAND_BOUND, args);
        System.out.println("[e2e] ./geodig " + String.join(" ", args) + ": " + run);
        return run;
    }

    private List<String> tracesWith(String tag, Instant start) {
        String query = "start=" + start + "&end=" + Instant.now() + "&limit=200&tag=" + java.net.URLEncoder.encode(tag,
                java.nio.charset.StandardCharsets.UTF_8);
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/traces?" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("traces").valueStream().map(t -> t.path("trace_id").asString()).toList();
    }

    /** Sets the fault, waits the 2 s a change may take, and looks the demo name up once. */
    private JsonNode lookupWith(String fault, String setting) throws InterruptedException {
        set(fault, setting);
        Thread.sleep(TAKES_EFFECT);
        HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, TYPES));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Clears every fault; 2 s later, a lookup succeeds everywhere. */
    private void assertHealsWhenCleared() throws InterruptedException {
        assertThat(HttpJson.send("DELETE", faultsUrl(""), null).status()).isEqualTo(200);
        Thread.sleep(TAKES_EFFECT);
        HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, TYPES));
        assertThat(reply.json().path("status").asString()).as(reply.body()).isEqualTo("success");
    }

    private void set(String fault, String setting) {
        HttpJson.Reply reply = HttpJson.send("PUT", faultsUrl("/" + fault), setting);
        assertThat(reply.status()).as("PUT %s %s: %s", fault, setting, reply.body()).isEqualTo(200);
    }

    private String faultsUrl(String rest) {
        return topology.gatewayUrl() + "/api/v1/faults" + rest;
    }

    /** The location's process_dns_task in the lookup's trace, once Jaeger has it. */
    private JaegerTrace.Span processSpan(JsonNode report) {
        JaegerTrace trace = traceOf(report, t -> t.ofService(WORKER).stream().anyMatch(s -> s.operationName().equals("process_dns_task")));
        return trace.ofService(WORKER).stream().filter(s -> s.operationName().equals("process_dns_task")).findFirst().orElseThrow();
    }

    private JaegerTrace traceOf(JsonNode report, Predicate<JaegerTrace> complete) {
        String traceId = report.path("trace_id").asString();
        return jaeger.awaitTrace(traceId, TraceInJaegerTest.ARRIVAL_BOUND, complete).filter(complete)
                .orElseThrow(() -> new AssertionError("trace " + traceId + " incomplete in Jaeger"));
    }

    private static void assertFailedByInjection(JaegerTrace.Span span, String fault, String message) {
        assertThat(span.failed()).as("%s failed", span).isTrue();
        assertThat(span.tag("error.type")).isEqualTo(INJECTED);
        assertThat(span.tag("geodig.fault.injected")).isEqualTo(fault);
        assertThat(span.events("exception")).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("exception.type", INJECTED);
            assertThat(event.get("exception.message")).contains(message).contains(fault);
        });
        assertThat(flagEvaluation(span)).containsEntry("feature_flag.key", fault)
                .containsEntry("feature_flag.result.variant", "on-" + LOCATION);
    }

    private static Map<String, String> flagEvaluation(JaegerTrace.Span span) {
        List<Map<String, String>> events = span.events("feature_flag.evaluation");
        assertThat(events).as("flag evaluations on %s", span).isNotEmpty();
        return events.getFirst();
    }
}
