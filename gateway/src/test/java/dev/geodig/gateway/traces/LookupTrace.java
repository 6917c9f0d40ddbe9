package dev.geodig.gateway.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One lookup's trace as the services export it (docs/architecture.md, "The trace of one request"): the gateway's
 * server and client span, the orchestrator's server span, {@code orchestrate_dns_lookup}, {@code publish_dns_task}
 * with its XADD and {@code wait_for_results}; per location that answered, the worker's {@code process_dns_task}
 * (a child of the publish span), its lookups, {@code publish_dns_result} with its XADD, and XACK. Written as an
 * OTLP/HTTP JSON request body, for a real Jaeger to store, so that what the gateway reads back is Jaeger's own
 * answer.
 */
public final class LookupTrace {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int SERVER = 2;
    private static final int CLIENT = 3;
    private static final int PRODUCER = 4;
    private static final int CONSUMER = 5;
    private static final int INTERNAL = 1;

    private final String traceId = hex(16);
    private final String domain;
    private Instant start = Instant.now().minusSeconds(5);
    private Duration duration = Duration.ofMillis(40);
    private List<String> answered = List.of("us-east-1", "eu-west-1", "asia-south-1");
    private String failingLocation;
    private String faultedLocation;
    private String status = "success";
    private boolean orchestratorReached = true;

    private final Map<String, List<ObjectNode>> spansByService = new LinkedHashMap<>();

    private LookupTrace(String domain) {
        this.domain = domain;
    }

    public static LookupTrace of(String domain) {
        return new LookupTrace(domain);
    }

    public LookupTrace startingAt(Instant start) {
        this.start = start;
        return this;
    }

    public LookupTrace lasting(Duration duration) {
        this.duration = duration;
        return this;
    }

    /** Only these locations' workers answered; the lookup is {@code partial}. */
    public LookupTrace answeredBy(String... locations) {
        this.answered = List.of(locations);
        this.status = "partial";
        return this;
    }

    /** This location's DNS server did not answer: its lookup spans and its task are errors, the lookup partial. */
    public LookupTrace failingAt(String location) {
        this.failingLocation = location;
        this.status = "partial";
        return this;
    }

    /**
     * An injected fault (worker-fail, 100 %) acted in this location's worker: its {@code process_dns_task} is an error
     * with {@code error.type}, a {@code feature_flag.evaluation} event naming the flag and an {@code exception} event, as
     * the services record it; the lookup is partial.
     */
    public LookupTrace faultInjectedAt(String location) {
        this.faultedLocation = location;
        this.status = "partial";
        return this;
    }

    /** What the injected fault's exception says, in {@code location}. */
    public static String injectedFaultMessage(String location) {
        return "task failed (injected fault worker-fail " + location + " 100 %)";
    }

    /** The orchestrator never answered: the gateway's spans only, both errors (a 503). */
    public LookupTrace orchestratorUnreachable() {
        this.orchestratorReached = false;
        return this;
    }

    public String traceId() {
        return traceId;
    }

    public Instant start() {
        return start;
    }

    public Duration duration() {
        return duration;
    }

    /** How many spans {@link #otlpJson()} holds. */
    public int spanCount() {
        build();
        return spansByService.values().stream().mapToInt(List::size).sum();
    }

    /** The OTLP/HTTP JSON request body carrying every span of this trace. */
    public String otlpJson() {
        build();
        ObjectNode request = JSON.createObjectNode();
        ArrayNode resources = request.putArray("resourceSpans");
        spansByService.forEach((service, spans) -> {
            ObjectNode resource = resources.addObject();
            attribute(resource.putObject("resource").putArray("attributes"), "service.name", service);
            ObjectNode scope = resource.putArray("scopeSpans").addObject();
            scope.putObject("scope").put("name", "dev.geodig.test");
            ArrayNode array = scope.putArray("spans");
            spans.forEach(array::add);
        });
        return JSON.writeValueAsString(request);
    }

    private void build() {
        if (!spansByService.isEmpty()) {
            return;
        }
        long t = duration.toNanos();
        String root = span("dns-gateway", null, "POST /api/v1/dns/lookup", SERVER, 0, t, orchestratorReached ? null : "503",
                "url.path", "/api/v1/dns/lookup");
        String call = span("dns-gateway", root, "POST", CLIENT, t / 20, t * 18 / 20, orchestratorReached ? null : "connection refused");
        if (!orchestratorReached) {
            return;
        }
        String server = span("dns-orchestrator", call, "POST /internal/v1/lookups", SERVER, t * 2 / 20, t * 17 / 20, null);
        String orchestrate = span("dns-orchestrator", server, "orchestrate_dns_lookup", INTERNAL, t * 3 / 20, t * 16 / 20, null,
                "dns.domain", domain, "result.status", status);
        String publish = span("dns-orchestrator", orchestrate, "publish_dns_task", PRODUCER, t * 4 / 20, t * 5 / 20, null,
                "messaging.destination.name", "dns:tasks", "dns.domain", domain);
        span("dns-orchestrator", publish, "XADD", CLIENT, t * 4 / 20, t * 5 / 20, null);
        span("dns-orchestrator", orchestrate, "wait_for_results", INTERNAL, t * 5 / 20, t * 16 / 20, null,
                "result.status", status);
        for (String location : answered) {
            String worker = "dns-worker-" + location;
            boolean failing = location.equals(failingLocation);
            boolean faulted = location.equals(faultedLocation);
            String error = failing ? "TIMEOUT: no answer" : null;
            ObjectNode processSpan = spanNode(worker, publish, "process_dns_task", CONSUMER, t * 6 / 20, t * 14 / 20,
                    faulted ? injectedFaultMessage(location) : error,
                    "messaging.destination.name", "dns:tasks", "dns.domain", domain, "worker.location", location,
                    "result.status", failing || faulted ? "error" : "success");
            String process = processSpan.get("spanId").asString();
            if (faulted) {
                recordInjectedFault(processSpan, location, t * 6 / 20);
            }
            String all = span(worker, process, "lookup_all_records", INTERNAL, t * 6 / 20, t * 10 / 20, error,
                    "dns.domain", domain, "worker.location", location);
            span(worker, all, "lookup_a_record", INTERNAL, t * 7 / 20, t * 10 / 20, error, "dns.domain", domain);
            String result = span(worker, process, "publish_dns_result", PRODUCER, t * 10 / 20, t * 12 / 20, null,
                    "messaging.destination.name", "dns:results", "worker.location", location);
            span(worker, result, "XADD", CLIENT, t * 10 / 20, t * 12 / 20, null);
            span(worker, process, "XACK", CLIENT, t * 12 / 20, t * 13 / 20, null);
        }
    }

    /** Adds a span and returns its id; {@code error} set makes its status an error with that message. */
    private String span(String service, String parent, String name, int kind, long startNanos, long endNanos, String error,
            String... attributes) {
        return spanNode(service, parent, name, kind, startNanos, endNanos, error, attributes).get("spanId").asString();
    }

    /** What the worker records when a fault acts: the flag's evaluation, then the exception, and the error's type. */
    private void recordInjectedFault(ObjectNode span, String location, long atNanos) {
        long time = nanosSinceEpoch() + atNanos;
        attribute((ArrayNode) span.get("attributes"), "error.type", "dev.geodig.boot.faults.InjectedFaultException");
        ArrayNode events = span.putArray("events");
        ObjectNode flag = events.addObject().put("timeUnixNano", Long.toString(time)).put("name", "feature_flag.evaluation");
        ArrayNode flagAttributes = flag.putArray("attributes");
        attribute(flagAttributes, "feature_flag.key", "worker-fail");
        attribute(flagAttributes, "feature_flag.result.variant", "on-" + location);
        attribute(flagAttributes, "feature_flag.result.value", "{rate_percent=100}");
        ObjectNode exception = events.addObject().put("timeUnixNano", Long.toString(time + 1_000)).put("name", "exception");
        ArrayNode exceptionAttributes = exception.putArray("attributes");
        attribute(exceptionAttributes, "exception.type", "dev.geodig.boot.faults.InjectedFaultException");
        attribute(exceptionAttributes, "exception.message", injectedFaultMessage(location));
    }

    private long nanosSinceEpoch() {
        return start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    private ObjectNode spanNode(String service, String parent, String name, int kind, long startNanos, long endNanos, String error,
            String... attributes) {
        long base = nanosSinceEpoch();
        String id = hex(8);
        ObjectNode span = JSON.createObjectNode();
        span.put("traceId", traceId).put("spanId", id);
        if (parent != null) {
            span.put("parentSpanId", parent);
        }
        span.put("name", name).put("kind", kind)
                .put("startTimeUnixNano", Long.toString(base + startNanos))
                .put("endTimeUnixNano", Long.toString(base + endNanos));
        ArrayNode attributeList = span.putArray("attributes");
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            attribute(attributeList, attributes[i], attributes[i + 1]);
        }
        if (error != null) {
            span.putObject("status").put("code", 2).put("message", error);
        }
        spansByService.computeIfAbsent(service, key -> new ArrayList<>()).add(span);
        return span;
    }

    private static void attribute(ArrayNode attributes, String key, String value) {
        ObjectNode attribute = attributes.addObject();
        attribute.put("key", key);
        attribute.putObject("value").put("stringValue", value);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
