package dev.geodig.e2e;

import static dev.geodig.e2e.ServiceNames.GATEWAY;
import static dev.geodig.e2e.ServiceNames.ORCHESTRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trace of docs/telemetry.md, read back from Jaeger: one request is one trace holding every service,
 * in that tree, with those attributes, and it went through the collector hierarchy.
 */
@Order(2)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceInJaegerTest {

    /** Every service of the shared topology: gateway, orchestrator and a worker per location. */
    static final Set<String> SERVICES = Set.copyOf(ServiceNames.all(Gateway.LOCATIONS));
    static final List<String> RECORD_TYPES = List.of("A", "AAAA");
    /** Those of the concurrent request whose spans must stay out of ours. */
    private static final List<String> OTHER_RECORD_TYPES = List.of("A", "MX", "TXT");
    /** How long the spans may take to travel agent → sidecar → central → Jaeger (batching at each hop). */
    static final Duration ARRIVAL_BOUND = Duration.ofSeconds(40);

    private Jaeger jaeger;
    private String traceId;
    private String otherTraceId;
    private JaegerTrace trace;

    @BeforeAll
    void sendTwoConcurrentRequestsAndFetchTheFirstTrace(GeodigTopology topology) {
        Gateway gateway = new Gateway(topology);
        jaeger = new Jaeger(topology);
        // A second request in flight at the same time: its spans must not end up in ours.
        CompletableFuture<HttpJson.Reply> ours =
                gateway.lookupAsync(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, RECORD_TYPES));
        CompletableFuture<HttpJson.Reply> other =
                gateway.lookupAsync(Gateway.body("geodig.test", Gateway.LOCATIONS, OTHER_RECORD_TYPES));
        HttpJson.Reply ourReply = HttpJson.await(ours);
        HttpJson.Reply otherReply = HttpJson.await(other);
        assertThat(ourReply.status()).as("our lookup: %s", ourReply.body()).isEqualTo(200);
        assertThat(otherReply.status()).as("the other lookup: %s", otherReply.body()).isEqualTo(200);
        traceId = ourReply.json().path("trace_id").asString();
        otherTraceId = otherReply.json().path("trace_id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(otherTraceId);

        trace = jaeger.awaitTrace(traceId, ARRIVAL_BOUND, t -> looksComplete(t, RECORD_TYPES.size()))
                .orElseThrow(() -> new AssertionError("Jaeger has no trace " + traceId + " after " + ARRIVAL_BOUND));
        System.out.println("[e2e] " + trace.render());
    }

    /**
     * Every service's outermost span has arrived (the gateway's root, the orchestrator's server span, each
     * location's {@code process_dns_task}) and every lookup span. A span ends after its children and each
     * service exports its spans in the order they end, so what is still missing then is a bug. (Services
     * export on their own schedules: the gateway's root can reach Jaeger before the orchestrator's last batch.)
     */
    static boolean looksComplete(JaegerTrace trace, int recordTypes) {
        long lookups = trace.spans().stream()
                .filter(s -> s.operationName().startsWith("lookup_") && s.operationName().endsWith("_record"))
                .count();
        return trace.services().containsAll(SERVICES)
                && trace.named("process_dns_task").size() >= Gateway.LOCATIONS.size()
                && lookups >= (long) Gateway.LOCATIONS.size() * recordTypes
                && !trace.ofService(GATEWAY).stream().filter(s -> s.parentSpanId() == null).toList().isEmpty()
                && trace.ofService(ORCHESTRATOR).stream().anyMatch(s -> s.kind().equals("server"));
    }

    @Test
    @Order(1)
    void oneTraceHoldingEveryService() {
        assertThat(jaeger.traces(traceId)).as("traces for id %s", traceId).hasSize(1);
        assertThat(trace.traceId()).isEqualTo(traceId);
        assertThat(trace.services()).as(trace.render()).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(trace.roots()).as("spans without a parent\n%s", trace.render()).hasSize(1);
        Set<String> spanIds = trace.spans().stream().map(JaegerTrace.Span::spanId).collect(Collectors.toSet());
        assertThat(trace.spans()).as("every parent is in the trace\n%s", trace.render())
                .allSatisfy(s -> assertThat(s.parentSpanId() == null || spanIds.contains(s.parentSpanId()))
                        .as("parent of %s", s).isTrue());
        // Every parent is a CHILD_OF reference, the consumer's too (see JaegerTrace.Span).
        assertThat(trace.spans()).filteredOn(s -> s.parentSpanId() != null)
                .allSatisfy(s -> assertThat(s.parentRefType()).as("reference type of %s", s).isEqualTo("CHILD_OF"));
    }

    @Test
    @Order(2)
    void gatewayToOrchestratorToPublishAndWait() {
        JaegerTrace.Span root = trace.roots().getFirst();
        assertThat(trace.service(root)).as("service of the root %s", root).isEqualTo(GATEWAY);
        assertThat(root.kind()).as("kind of the root %s", root).isEqualTo("server");

        List<JaegerTrace.Span> orchestratorServers = trace.ofService(ORCHESTRATOR).stream()
                .filter(s -> s.kind().equals("server")).toList();
        assertThat(orchestratorServers).as("orchestrator server spans\n%s", trace.render()).hasSize(1);
        JaegerTrace.Span orchestratorServer = orchestratorServers.getFirst();
        JaegerTrace.Span httpClient = trace.parent(orchestratorServer);
        assertThat(httpClient).as("parent of the orchestrator's server span\n%s", trace.render()).isNotNull();
        assertThat(trace.service(httpClient)).isEqualTo(GATEWAY);
        assertThat(httpClient.kind()).as("kind of %s", httpClient).isEqualTo("client");
        assertThat(trace.isDescendant(httpClient, root)).as("%s under the gateway's server span", httpClient).isTrue();

        List<JaegerTrace.Span> orchestrations = trace.named("orchestrate_dns_lookup");
        assertThat(orchestrations).hasSize(1);
        JaegerTrace.Span orchestration = orchestrations.getFirst();
        assertThat(trace.service(orchestration)).isEqualTo(ORCHESTRATOR);
        assertThat(orchestration.parentSpanId()).as("orchestrate_dns_lookup is a child of the server span\n%s",
                trace.render()).isEqualTo(orchestratorServer.spanId());

        List<JaegerTrace.Span> publishes = trace.children(orchestration, "publish_dns_task");
        assertThat(publishes).as("publish_dns_task under orchestrate_dns_lookup\n%s", trace.render()).hasSize(1);
        assertThat(trace.named("publish_dns_task")).as("publish_dns_task in the whole trace").hasSize(1);
        assertThat(publishes.getFirst().kind()).isEqualTo("producer");
        assertThat(publishes.getFirst().tags()).containsEntry("messaging.destination.name", "dns:tasks");
        assertThat(trace.children(orchestration, "wait_for_results"))
                .as("wait_for_results under orchestrate_dns_lookup\n%s", trace.render()).hasSize(1);
    }

    @Test
    @Order(3)
    void oneProcessDnsTaskPerLocationUnderThePublishSpan() {
        JaegerTrace.Span publish = trace.named("publish_dns_task").getFirst();
        List<JaegerTrace.Span> processes = trace.named("process_dns_task");
        assertThat(processes).as(trace.render()).hasSize(Gateway.LOCATIONS.size());
        assertThat(processes.stream().map(trace::service).toList())
                .containsExactlyInAnyOrderElementsOf(ServiceNames.workers(Gateway.LOCATIONS));
        for (JaegerTrace.Span process : processes) {
            String service = trace.service(process);
            String location = ServiceNames.locationOf(service).orElseThrow();
            assertThat(process.kind()).as("kind of process_dns_task of %s", service).isEqualTo("consumer");
            // The parent, as CHILD_OF: the propagated context of publish_dns_task.
            assertThat(process.parentSpanId()).as("parent of process_dns_task of %s\n%s", service, trace.render())
                    .isEqualTo(publish.spanId());
            assertThat(process.parentRefType()).isEqualTo("CHILD_OF");
            assertThat(process.tags()).as("attributes of process_dns_task of %s", service)
                    .containsEntry("trace.id", traceId)
                    .containsEntry("task.id", traceId)
                    .containsEntry("dns.domain", DemoLookupTest.DEMO_NAME)
                    .containsEntry("worker.location", location)
                    .containsEntry("result.status", "success")
                    .containsKey("processing_time_ms");
            assertThat(Long.parseLong(process.tag("processing_time_ms"))).isNotNegative();
        }
    }

    @Test
    @Order(4)
    void eachWorkerLooksUpEveryTypeConcurrently() {
        for (JaegerTrace.Span process : trace.named("process_dns_task")) {
            String service = trace.service(process);
            List<JaegerTrace.Span> all = trace.children(process, "lookup_all_records");
            assertThat(all).as("lookup_all_records under process_dns_task of %s\n%s", service, trace.render()).hasSize(1);
            List<JaegerTrace.Span> lookups = trace.children(all.getFirst()).stream()
                    .filter(s -> s.operationName().startsWith("lookup_")).toList();
            assertThat(lookups.stream().map(JaegerTrace.Span::operationName).toList())
                    .as("lookup spans of %s", service)
                    .containsExactlyInAnyOrderElementsOf(RECORD_TYPES.stream()
                            .map(t -> "lookup_" + t.toLowerCase(Locale.ROOT) + "_record").toList());
            assertThat(lookups).allSatisfy(l -> assertThat(trace.service(l)).isEqualTo(service));
            // Concurrent: every lookup started before the first of them ended.
            long latestStart = lookups.stream().mapToLong(JaegerTrace.Span::startMicros).max().orElseThrow();
            long earliestEnd = lookups.stream().mapToLong(JaegerTrace.Span::endMicros).min().orElseThrow();
            assertThat(latestStart).as("the lookups of %s overlap in time: %s", service, lookups.stream()
                    .map(l -> l.operationName() + " " + l.startMicros() + "+" + l.durationMicros()).toList())
                    .isLessThan(earliestEnd);
        }
        // The agent's thread.id / thread.name are off (deploy/otel/agent.properties): they name the thread a span
        // started on, which for these five lookups is the task's one thread, not the five they ran on.
        assertThat(trace.spans()).as("spans with the agent's thread details").noneMatch(
                s -> s.tags().containsKey("thread.id") || s.tags().containsKey("thread.name"));
    }

    @Test
    @Order(5)
    void everySpanCarriesItsCollectorPath() {
        Map<String, String> sidecarOf = Map.of(GATEWAY, "gateway-sidecar", ORCHESTRATOR, "orchestrator-sidecar");
        for (JaegerTrace.Span span : trace.spans()) {
            String service = trace.service(span);
            Map<String, String> markers = pathMarkers(trace, span);
            assertThat(markers).as("collector path of %s of %s", span, service)
                    .containsEntry("geodig.collector.central", "central");
            if (sidecarOf.containsKey(service)) {
                assertThat(markers).as("collector path of %s of %s", span, service)
                        .containsEntry("geodig.collector.sidecar", sidecarOf.get(service));
            } else {
                assertThat(markers).as("collector path of %s of %s (workers export straight to central)", span, service)
                        .doesNotContainKey("geodig.collector.sidecar");
            }
        }
    }

    /**
     * The {@code geodig.collector.*} markers a span picked up on its way, whether a collector set them
     * on the resource (Jaeger's process tags) or on the span itself (the {@code attributes} processor,
     * which deploy/otel uses because the {@code resource} processor is not in the Jaeger build).
     */
    static Map<String, String> pathMarkers(JaegerTrace trace, JaegerTrace.Span span) {
        Map<String, String> markers = new java.util.TreeMap<>();
        trace.processTags(span).forEach((k, v) -> {
            if (k.startsWith("geodig.collector.")) {
                markers.put(k, v);
            }
        });
        span.tags().forEach((k, v) -> {
            if (k.startsWith("geodig.collector.")) {
                markers.put(k, v);
            }
        });
        return markers;
    }

    @Test
    @Order(6)
    void nothingOfTheConcurrentRequestLeaksIn() {
        assertThat(trace.spans()).allSatisfy(s -> assertThat(s.traceId()).as("trace id of %s", s).isEqualTo(traceId));
        assertThat(trace.named("process_dns_task"))
                .allSatisfy(s -> assertThat(s.tag("task.id")).as("task.id of %s", s).isEqualTo(traceId));

        // The other request has its own complete trace, and none of its spans is in ours.
        JaegerTrace other = jaeger.awaitTrace(otherTraceId, ARRIVAL_BOUND, t -> looksComplete(t, OTHER_RECORD_TYPES.size()))
                .orElseThrow(() -> new AssertionError("Jaeger has no trace for the other request " + otherTraceId));
        assertThat(other.named("process_dns_task")).as(other.render()).hasSize(Gateway.LOCATIONS.size())
                .allSatisfy(s -> assertThat(s.tag("task.id")).isEqualTo(otherTraceId));
        Set<String> ours = trace.spans().stream().map(JaegerTrace.Span::spanId).collect(Collectors.toSet());
        assertThat(other.spans()).noneMatch(s -> ours.contains(s.spanId()));
        assertThat(trace.spans()).noneMatch(s -> "geodig.test".equals(s.tag("dns.domain")));
    }
}
