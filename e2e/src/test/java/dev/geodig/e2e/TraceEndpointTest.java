package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's {@code GET /api/v1/traces/{trace_id}} with the real Jaeger behind it: the demo lookup's
 * trace laid out as the page and the terminal client draw it, and a trace Jaeger does not have.
 */
@Order(2)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceEndpointTest {

    private Gateway gateway;
    private String traceUrl;

    @BeforeAll
    void connect(GeodigTopology topology) {
        gateway = new Gateway(topology);
        traceUrl = topology.gatewayUrl() + "/api/v1/traces/";
    }

    @Test
    void aLookupsTraceComesBackAsAWaterfallOfEveryService() {
        String traceId = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A", "AAAA")))
                .json().path("trace_id").asString();
        int locations = Gateway.LOCATIONS.size();

        // Spans arrive through batching collectors: wait for the last ones of every service.
        JsonNode view = await("a complete trace from the gateway").atMost(Duration.ofSeconds(20))
                .until(() -> HttpJson.get(traceUrl + traceId), reply -> reply.status() == 200
                        && services(reply.json()).containsAll(TraceInJaegerTest.SERVICES)
                        && kindsOf(reply.json(), "lookup_a_record").size() == locations
                        && kindsOf(reply.json(), "lookup_aaaa_record").size() == locations
                        && kindsOf(reply.json(), "wait_for_results").size() == 1
                        // The orchestrator's last span to end; it exports on its own schedule, after the gateway's root at times.
                        && kindsOf(reply.json(), "POST /internal/v1/lookups").size() == 1
                        // Each service exports in batches: a worker's process_dns_task (which ends after the XACK) can
                        // come a batch after its lookup_all_records. The trace is whole when no span waits for its parent.
                        && everyParentArrived(reply.json()))
                .json();

        assertThat(view.path("trace_id").asString()).isEqualTo(traceId);
        assertThat(view.path("jaeger_ui_url").isNull()).as("no Jaeger UI in a source build").isTrue();
        assertThat(view.path("span_count").asInt()).isEqualTo(view.path("spans").size());
        JsonNode root = view.path("spans").get(0);
        assertThat(root.path("name").asString()).isEqualTo("POST /api/v1/dns/lookup");
        assertThat(root.path("service").asString()).isEqualTo(ServiceNames.GATEWAY);
        assertThat(root.path("kind").asString()).isEqualTo("server");
        assertThat(root.path("depth").asInt()).isZero();
        assertThat(root.path("start_offset_us").asLong()).isZero();
        // The trace lasts from its first span's start to its last span's end. That is usually the root's end,
        // but not always: a worker acknowledges its task (XACK) after publishing the result, and the lookup
        // can be answered before that acknowledgement ends.
        long total = view.path("duration_us").asLong();
        assertThat(root.path("duration_us").asLong()).isLessThanOrEqualTo(total);
        long latestEnd = view.path("spans").valueStream()
                .mapToLong(span -> span.path("start_offset_us").asLong() + span.path("duration_us").asLong()).max().orElseThrow();
        // Offsets and durations are each cut to whole microseconds: their sum may fall 1 µs short.
        assertThat(latestEnd).isBetween(total - 1, total);

        assertTreeOrder(view);
        assertThat(kindsOf(view, "publish_dns_task")).containsExactly("producer");
        assertThat(kindsOf(view, "process_dns_task")).containsExactlyElementsOf(Collections.nCopies(locations, "consumer"));
        assertThat(kindsOf(view, "lookup_a_record")).hasSize(locations);
        for (String worker : ServiceNames.workers(Gateway.LOCATIONS)) {
            assertLookupsOverlap(view, worker);
        }
    }

    @Test
    void aTraceJaegerDoesNotHaveIsA404Problem() {
        HttpJson.Reply reply = HttpJson.get(traceUrl + "0af7651916cd43dd8448eb211c80319c");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).contains("0af7651916cd43dd8448eb211c80319c");
    }

    /** Every span comes after its parent, one level deeper; offsets lie on the trace's time axis. */
    private static void assertTreeOrder(JsonNode view) {
        Map<String, Integer> depthById = new HashMap<>();
        long total = view.path("duration_us").asLong();
        for (JsonNode span : view.path("spans")) {
            String parent = span.path("parent_span_id").isNull() ? null : span.path("parent_span_id").asString();
            int depth = span.path("depth").asInt();
            if (parent == null) {
                assertThat(depth).as("root %s", span.path("name")).isZero();
            } else {
                assertThat(depthById).as("parent of %s listed before it", span.path("name")).containsKey(parent);
                assertThat(depth).as("depth of %s", span.path("name")).isEqualTo(depthById.get(parent) + 1);
            }
            long start = span.path("start_offset_us").asLong();
            assertThat(start).isBetween(0L, total);
            assertThat(start + span.path("duration_us").asLong()).isLessThanOrEqualTo(total);
            depthById.put(span.path("span_id").asString(), depth);
        }
    }

    /** The design's point: one worker's record lookups run at once, so their time ranges overlap. */
    private static void assertLookupsOverlap(JsonNode view, String service) {
        List<JsonNode> lookups = view.path("spans").valueStream()
                .filter(span -> span.path("service").asString().equals(service))
                .filter(span -> span.path("name").asString().matches("lookup_[a-z]+_record"))
                .toList();
        assertThat(lookups).as("%s record lookups", service).hasSize(2);
        long latestStart = lookups.stream().mapToLong(s -> s.path("start_offset_us").asLong()).max().orElseThrow();
        long earliestEnd = lookups.stream()
                .mapToLong(s -> s.path("start_offset_us").asLong() + s.path("duration_us").asLong()).min().orElseThrow();
        assertThat(latestStart).as("%s: the second lookup starts before the first one ends", service).isLessThan(earliestEnd);
    }

    private static boolean everyParentArrived(JsonNode view) {
        Set<String> ids = view.path("spans").valueStream().map(span -> span.path("span_id").asString()).collect(Collectors.toSet());
        return view.path("spans").valueStream()
                .allMatch(span -> span.path("parent_span_id").isNull() || ids.contains(span.path("parent_span_id").asString()));
    }

    private static List<String> kindsOf(JsonNode view, String name) {
        return view.path("spans").valueStream().filter(span -> span.path("name").asString().equals(name))
                .map(span -> span.path("kind").asString()).toList();
    }

    private static Set<String> services(JsonNode view) {
        return view.path("services").valueStream().map(JsonNode::asString).collect(Collectors.toSet());
    }
}
