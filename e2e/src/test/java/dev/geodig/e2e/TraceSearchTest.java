package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The trace search and the service map on the running topology, after a batch of lookups made for them: whole
 * ones of two names, partial ones (one location's workers frozen with SIGSTOP until the deadline passed) and failed
 * ones (another location's DNS server stopped). The search finds exactly the lookups of a name, of a status, of a
 * duration and those with failed spans; the map shows the five services and every hop as often as the lookups made
 * it; {@code ./geodig traces} lists them line by line with its exit codes; and no read of traces, from any client,
 * adds a trace to Jaeger.
 */
@Order(7)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceSearchTest {

    /** The lookups' names, unique to this run: answered NXDOMAIN by the demo zones, which is an answer like any other. */
    private static final String NONCE = HexFormat.of().formatHex(randomBytes());
    private static final String WHOLE_A = "search-a-" + NONCE + ".geodig.test";
    private static final String WHOLE_B = "search-b-" + NONCE + ".geodig.test";
    private static final String PARTIAL = "search-partial-" + NONCE + ".geodig.test";
    private static final String FAILED = "search-failed-" + NONCE + ".geodig.test";
    /** Whose workers are frozen for the partial lookups (the failed ones are made with the demo resolver stopped). */
    private static final String FROZEN_LOCATION = Gateway.LOCATIONS.getLast();
    /** A location of the failed lookups: any will do, each failed without the resolver. */
    private static final String SERVERLESS_LOCATION = Gateway.LOCATIONS.getFirst();
    private static final Duration SETTLE_BOUND = TraceInJaegerTest.ARRIVAL_BOUND;
    private static final Pattern ROW = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)  ([0-9a-f]{32})  +(\\d+\\.\\d\\d) ms  (\\S+) +(\\S+) +(\\d+) +(\\d+)");

    private GeodigTopology topology;
    private Gateway gateway;
    private Instant rangeStart;
    /** Per name, its lookups' trace ids in the order made. */
    private final Map<String, List<String>> lookups = new LinkedHashMap<>();
    private boolean thawed = true;

    @BeforeAll
    void lookUpEveryKind(GeodigTopology topology) {
        this.topology = topology;
        this.gateway = new Gateway(topology);
        // Not a moment earlier: the test classes before this one looked names up until just now, and their
        // traces must stay out of the range (a second of slack let two of them in, and every count was off).
        rangeStart = Instant.now();
        for (String domain : List.of(WHOLE_A, WHOLE_A, WHOLE_A, WHOLE_B, WHOLE_B)) {
            record(domain, "success", gateway.lookup(Gateway.body(domain, Gateway.LOCATIONS, List.of("A"))));
        }
        List<String> frozen = topology.processes().workerInstances(FROZEN_LOCATION);
        frozen.forEach(instance -> topology.processes().signal(instance, "STOP"));
        thawed = false;
        try {
            List<CompletableFuture<HttpJson.Reply>> partial = List.of(
                    gateway.lookupAsync(Gateway.body(PARTIAL, Gateway.LOCATIONS, List.of("A"))),
                    gateway.lookupAsync(Gateway.body(PARTIAL, Gateway.LOCATIONS, List.of("A"))));
            partial.forEach(reply -> record(PARTIAL, "partial", HttpJson.await(reply)));
        } finally {
            // Thawed, the workers acknowledge the two tasks they read too late (process_dns_task marked expired,
            // no result): the map below counts those consumptions too.
            frozen.forEach(instance -> topology.processes().signal(instance, "CONT"));
            thawed = true;
        }
        // Every location's worker asks the one resolver: without it, each answers that its DNS did not (partial).
        String dnsServer = TopologyProcesses.DNS_RESOLVER;
        topology.processes().stop(dnsServer);
        try {
            List<CompletableFuture<HttpJson.Reply>> failed = List.of(
                    gateway.lookupAsync(Gateway.body(FAILED, Gateway.LOCATIONS, List.of("A"))),
                    gateway.lookupAsync(Gateway.body(FAILED, Gateway.LOCATIONS, List.of("A"))));
            failed.forEach(reply -> record(FAILED, "partial", HttpJson.await(reply)));
        } finally {
            topology.processes().start(dnsServer);
        }
    }

    private void record(String domain, String status, HttpJson.Reply reply) {
        assertThat(reply.status()).as("lookup of %s: %s", domain, reply.body()).isEqualTo(200);
        assertThat(reply.json().path("status").asString()).as("lookup of %s: %s", domain, reply.body()).isEqualTo(status);
        lookups.computeIfAbsent(domain, key -> new ArrayList<>()).add(reply.json().path("trace_id").asString());
    }

    @AfterAll
    void leaveTheTopologyAsFound() {
        if (!thawed) {
            topology.processes().workerInstances(FROZEN_LOCATION).forEach(instance -> topology.processes().signal(instance, "CONT"));
        }
        await("every location answers again").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }

    private List<String> ids(String... domains) {
        List<String> ids = new ArrayList<>();
        for (String domain : domains) {
            ids.addAll(lookups.get(domain));
        }
        return ids;
    }

    /** {@code GET /api/v1/traces} over this class's range, as any client sends it: no traceparent. */
    private JsonNode search(String... parameters) {
        StringBuilder query = new StringBuilder("start=" + rangeStart + "&end=" + Instant.now() + "&limit=200");
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            query.append('&').append(parameter, 0, equals + 1).append(URLEncoder.encode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
        }
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/traces?" + query);
        assertThat(reply.status()).as("search %s: %s", query, reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> traceIds(JsonNode list) {
        return list.path("traces").valueStream().map(trace -> trace.path("trace_id").asString()).toList();
    }

    /** Waits until the search answers with exactly {@code expected} (in any order), or fails with its last answer. */
    private void assertSearchFinds(List<String> expected, String... parameters) {
        AtomicReference<List<String>> found = new AtomicReference<>(List.of());
        try {
            await().atMost(SETTLE_BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
                found.set(traceIds(search(parameters)));
                return Set.copyOf(found.get()).equals(Set.copyOf(expected)) && found.get().size() == expected.size();
            });
        } catch (ConditionTimeoutException notYet) {
            // the assertion below says what was found instead
        }
        assertThat(found.get()).as("search %s", List.of(parameters)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(1)
    void theSearchFindsTheLookupsOfANameNewestFirst() {
        assertSearchFinds(ids(WHOLE_A), "tag=dns.domain=" + WHOLE_A);
        assertSearchFinds(ids(WHOLE_B), "tag=dns.domain=" + WHOLE_B);
        assertSearchFinds(ids(PARTIAL), "tag=dns.domain=" + PARTIAL);

        JsonNode list = search("tag=dns.domain=" + WHOLE_A);
        assertThat(traceIds(list)).as("newest first").containsExactlyElementsOf(ids(WHOLE_A).reversed());
        JsonNode newest = list.path("traces").get(0);
        assertThat(newest.path("domain").asString()).isEqualTo(WHOLE_A);
        assertThat(newest.path("lookup_status").asString()).isEqualTo("success");
        assertThat(newest.path("root").path("service").asString()).isEqualTo(ServiceNames.GATEWAY);
        assertThat(newest.path("root").path("operation").asString()).isEqualTo("POST " + Gateway.LOOKUP_PATH);
        assertThat(newest.path("services").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(ServiceNames.all(Gateway.LOCATIONS));
        assertThat(newest.path("error_spans").asInt()).isZero();
        assertThat(list.path("complete").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void theSearchFindsThePartialLookupsByTheirStatus() {
        assertSearchFinds(ids(PARTIAL, FAILED), "lookup_status=partial");
        assertSearchFinds(ids(PARTIAL, FAILED), "tag=result.status=partial");
        assertSearchFinds(ids(WHOLE_A, WHOLE_B), "lookup_status=success");
    }

    @Test
    @Order(3)
    void errorTrueFindsTheLookupsWhoseDnsServerFailed() {
        assertSearchFinds(ids(FAILED), "tag=error=true");
        assertSearchFinds(ids(WHOLE_A, WHOLE_B, PARTIAL), "tag=error=false");
        for (JsonNode failed : search("tag=error=true").path("traces")) {
            assertThat(failed.path("error_spans").asInt()).as("%s", failed).isPositive();
        }
    }

    @Test
    @Order(4)
    void theSearchFindsTheLookupsByTheirDuration() {
        assertSearchFinds(ids(WHOLE_A, WHOLE_B, PARTIAL, FAILED));
        Map<String, Double> durations = new TreeMap<>();
        search().path("traces").forEach(trace -> durations.put(trace.path("trace_id").asString(), trace.path("duration_ms").asDouble()));
        // The partial lookups waited for the frozen workers until the deadline (5 s); the whole ones took milliseconds.
        ids(PARTIAL).forEach(id -> assertThat(durations.get(id)).as("partial %s", id).isGreaterThan(4500));
        ids(WHOLE_A, WHOLE_B).forEach(id -> assertThat(durations.get(id)).as("whole %s", id).isLessThan(1000));

        for (double bound : List.of(1000.0, 4500.0)) {
            String millis = (long) bound + "ms";
            assertSearchFinds(durations.entrySet().stream().filter(e -> e.getValue() >= bound).map(Map.Entry::getKey).toList(),
                    "min_duration=" + millis);
            assertSearchFinds(durations.entrySet().stream().filter(e -> e.getValue() <= bound).map(Map.Entry::getKey).toList(),
                    "max_duration=" + millis);
        }
        assertSearchFinds(ids(PARTIAL), "min_duration=4500ms", "tag=dns.domain=" + PARTIAL);
    }

    @Test
    @Order(5)
    void theServiceMapShowsTheFiveServicesAndEveryHopAsOftenAsTheLookupsMadeIt() {
        int made = ids(WHOLE_A, WHOLE_B, PARTIAL, FAILED).size();
        int partial = ids(PARTIAL).size();
        String frozenWorker = ServiceNames.worker(FROZEN_LOCATION);
        List<String> expected = new ArrayList<>(List.of(
                ServiceNames.GATEWAY + " http " + ServiceNames.ORCHESTRATOR + " " + made,
                ServiceNames.ORCHESTRATOR + " publish dns:tasks " + made,
                "dns:results consume " + ServiceNames.ORCHESTRATOR + " " + (made * Gateway.LOCATIONS.size() - partial)));
        for (String location : Gateway.LOCATIONS) {
            String worker = ServiceNames.worker(location);
            // Every location's workers consumed every task, the frozen ones once thawed (too late: no result).
            if (!worker.equals(frozenWorker)) {
                expected.add("dns:tasks consume " + worker + " " + made);
            }
            expected.add(worker + " publish dns:results " + (worker.equals(frozenWorker) ? made - partial : made));
        }
        // Thawed together, the frozen location's two workers may both consume a task read too late: the one that
        // read it before the freeze, and the other, which claims it as idle (at-least-once). Each such task counts
        // once or twice.
        String frozenConsumes = "dns:tasks consume " + frozenWorker + " ";
        Predicate<List<String>> frozenConsumedEveryTask = edges -> edges.stream().filter(e -> e.startsWith(frozenConsumes))
                .map(e -> Integer.parseInt(e.substring(frozenConsumes.length())))
                .anyMatch(calls -> calls >= made && calls <= made + partial);

        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(SETTLE_BOUND).pollInterval(Duration.ofSeconds(1)).until(() -> {
                last.set(serviceMap());
                List<String> edges = edges(last.get());
                return edges.containsAll(expected) && edges.size() == expected.size() + 1 && frozenConsumedEveryTask.test(edges);
            });
        } catch (ConditionTimeoutException notYet) {
            // the assertions below say what the map holds instead
        }
        JsonNode map = last.get();
        assertThat(edges(map)).as("%s", map).filteredOn(e -> !e.startsWith(frozenConsumes)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(edges(map)).as("%s", map).filteredOn(e -> e.startsWith(frozenConsumes)).singleElement()
                .satisfies(edge -> assertThat(frozenConsumedEveryTask.test(List.of(edge))).as(edge).isTrue());
        assertThat(map.path("nodes").valueStream().map(node -> node.path("id").asString() + " " + node.path("kind").asString()))
                .containsExactlyInAnyOrderElementsOf(concat(
                        ServiceNames.all(Gateway.LOCATIONS).stream().map(service -> service + " service").toList(),
                        List.of("dns:tasks stream", "dns:results stream")));
        assertThat(map.path("traces").asInt()).isEqualTo(made);
        assertThat(map.path("complete").asBoolean()).isTrue();
        assertThat(map.path("source").asString()).isEqualTo("traces");
    }

    private JsonNode serviceMap() {
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/service-map?start=" + rangeStart + "&end=" + Instant.now());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> edges(JsonNode map) {
        return map.path("edges").valueStream().map(edge -> edge.path("from").asString() + " " + edge.path("kind").asString()
                + " " + edge.path("to").asString() + " " + edge.path("calls").asLong()).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private GeodigCommand.ClientRun geodig(String... args) {
        GeodigCommand.ClientRun run = topology.command().run(TerminalClientTest.COMMAND_BOUND, args);
        System.out.println("[e2e] ./geodig " + String.join(" ", args) + ": " + run);
        assertThat(String.join("\n", run.stdout())).as("plain text when output is not a terminal").doesNotContain("\u001b");
        return run;
    }

    @Test
    @Order(6)
    void theTerminalClientListsTheLookupsOfANameLineByLine() {
        JsonNode list = search("tag=dns.domain=" + WHOLE_A);
        GeodigCommand.ClientRun run = geodig("traces", "--domain", WHOLE_A, "--since", "5m");

        assertThat(run.exitCode()).as("%s", run).isZero();
        // This class's lookups are the newest, so they are among what one search reads (the newest 250 traces of
        // the range); when the earlier classes left more than that in the range, the client rightly says that older
        // ones were not searched, and that is all it may say besides the list.
        assertThat(run.stderr()).as("%s", run).allMatch(line -> line.startsWith("geodig: only the newest 250 traces of the range were searched"));
        List<String> out = run.stdout();
        assertThat(out).as("%s", run).hasSize(1 + ids(WHOLE_A).size());
        assertThat(out.getFirst()).matches("start +trace +duration +status +domain +spans +errors");
        for (int i = 0; i < ids(WHOLE_A).size(); i++) {
            JsonNode trace = list.path("traces").get(i);
            Matcher row = ROW.matcher(out.get(i + 1));
            assertThat(row.matches()).as("row '%s'", out.get(i + 1)).isTrue();
            assertThat(List.of(row.group(1), row.group(2), row.group(4), row.group(5), row.group(6), row.group(7))).containsExactly(
                    trace.path("start").asString(), ids(WHOLE_A).reversed().get(i), "success", WHOLE_A,
                    trace.path("span_count").asString(), "0");
            assertThat(Double.parseDouble(row.group(3))).isCloseTo(trace.path("duration_ms").asDouble(), Offset.offset(0.005));
        }
    }

    @Test
    @Order(7)
    void theTerminalClientFindsThePartialAndTheFailedLookups() {
        GeodigCommand.ClientRun partial = geodig("traces", "--domain", PARTIAL, "--status", "partial", "--min-duration", "4500ms");
        GeodigCommand.ClientRun failed = geodig("traces", "--domain", FAILED, "--errors", "--location", SERVERLESS_LOCATION);

        assertThat(partial.exitCode()).as("%s", partial).isZero();
        assertThat(partial.stdout().subList(1, partial.stdout().size())).as("%s", partial)
                .extracting(line -> rowOf(line).group(2) + " " + rowOf(line).group(4))
                .containsExactlyInAnyOrderElementsOf(ids(PARTIAL).stream().map(id -> id + " partial").toList());
        assertThat(failed.exitCode()).as("%s", failed).isZero();
        assertThat(failed.stdout().subList(1, failed.stdout().size())).as("%s", failed)
                .extracting(line -> rowOf(line).group(2))
                .containsExactlyInAnyOrderElementsOf(ids(FAILED));
        failed.stdout().subList(1, failed.stdout().size())
                .forEach(line -> assertThat(Integer.parseInt(rowOf(line).group(7))).as(line).isPositive());
    }

    private static Matcher rowOf(String line) {
        Matcher row = ROW.matcher(line);
        assertThat(row.matches()).as("row '%s'", line).isTrue();
        return row;
    }

    @Test
    @Order(8)
    void theTerminalClientsExitCodes() {
        GeodigCommand.ClientRun none = geodig("traces", "--domain", "nothing-" + NONCE + ".geodig.test", "--since", "5m");
        GeodigCommand.ClientRun rejected = geodig("traces", "--since", "7m", "--min-duration", "fast");
        GeodigCommand.ClientRun json = geodig("traces", "--domain", WHOLE_B, "--json");

        assertThat(none.exitCode()).as("%s", none).isEqualTo(1);
        assertThat(none.stdout()).as("%s", none).isEmpty();
        assertThat(none.stderr()).as("%s", none).singleElement().asString().startsWith("geodig: no trace matches (");

        assertThat(rejected.exitCode()).as("%s", rejected).isEqualTo(2);
        assertThat(rejected.stdout()).as("%s", rejected).isEmpty();
        assertThat(rejected.stderr()).as("%s", rejected).hasSize(4);
        assertThat(rejected.stderr().subList(0, 3)).as("%s", rejected).containsExactly(
                "geodig: search failed: HTTP 400: The trace search is invalid.",
                "  min_duration: must be a duration such as 500us, 200ms, 1.5s or 2m",
                "  lookback: must be one of 5m, 15m, 1h, 6h, 24h");
        assertThat(rejected.stderr().get(3)).as("%s", rejected).matches("  \\(trace [0-9a-f]{32}\\)");

        assertThat(json.exitCode()).as("%s", json).isZero();
        JsonNode printed = HttpJson.JSON.readTree(String.join("\n", json.stdout()));
        assertThat(traceIds(printed)).containsExactlyElementsOf(ids(WHOLE_B).reversed());
    }

    @Test
    @Order(9)
    void readingTracesAddsNoTraceToJaegerWhoeverReads() throws InterruptedException {
        Jaeger jaeger = new Jaeger(topology);
        long startMicros = System.currentTimeMillis() * 1000;
        String anyTrace = ids(WHOLE_A).getFirst();
        // As a client without the page's unsampled traceparent sends them: the gateway's agent samples each one.
        List<String> reads = List.of("/api/v1/traces", "/api/v1/traces?tag=error%3Dtrue&lookback=5m", "/api/v1/traces?limit=0",
                "/api/v1/services", "/api/v1/services/dns-gateway/operations", "/api/v1/service-map?lookback=5m",
                "/api/v1/traces/" + anyTrace);
        for (int round = 0; round < 3; round++) {
            for (String read : reads) {
                HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + read);
                assertThat(reply.status()).as("%s: %s", read, reply.body()).isIn(200, 400);
            }
        }
        // Longer than spans take to reach Jaeger (the agent's 500 ms, then two collectors' 200 ms batches).
        Thread.sleep(Duration.ofSeconds(5));
        assertThat(jaeger.renderedTracesSince(List.of(ServiceNames.GATEWAY), startMicros))
                .as("traces the gateway recorded while it was read %d times", 3 * reads.size()).isEmpty();
        HttpJson.Reply operations = HttpJson.get(topology.jaegerQueryUrl() + "/api/v3/operations?service=" + ServiceNames.GATEWAY);
        assertThat(operations.json().path("operations").valueStream().map(op -> op.path("name").asString()))
                .as("no read endpoint's span ever reached Jaeger in this run")
                .noneMatch(name -> name.matches("GET /api/v1/(traces|services|service-map).*"));

        // The same check does see a request the gateway traces as usual: it can fail.
        HttpJson.Reply locations = HttpJson.get(topology.gatewayUrl() + "/api/v1/locations");
        assertThat(locations.status()).isEqualTo(200);
        await("a traced GET reaches Jaeger").atMost(SETTLE_BOUND)
                .until(() -> !jaeger.tracesSince(ServiceNames.GATEWAY, startMicros).isEmpty());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
