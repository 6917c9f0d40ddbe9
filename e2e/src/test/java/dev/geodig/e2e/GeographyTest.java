package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Geography through the real chain ./geodig up starts: each worker asks the one Unbound with its location's client
 * subnet as EDNS Client Subnet, Unbound forwards it to Knot, whose geo map answers each network with its own
 * records and scope 24 (docs/geography.md). What a user sees: the answers, their scopes, the agreement's
 * "tailored", the subnet and scope on the lookup spans, and a cache that never gives one region another's answer.
 */
@Order(2)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeographyTest {

    private static final List<String> TYPES = List.of("A", "AAAA", "TXT");
    /** The demo's geo map lists every location's subnet as a /24: Knot answers with the matched net's length. */
    private static final int DEMO_SCOPE = 24;

    private GeodigTopology topology;
    private Gateway gateway;
    private DemoZones zones;

    @BeforeAll
    void connect(GeodigTopology topology) {
        this.topology = topology;
        gateway = new Gateway(topology);
        zones = new DemoZones(topology);
    }

    private String subnetOf(String location) {
        return topology.location(location).sentSubnet();
    }

    @Test
    @Order(1)
    void eachLocationGetsItsOwnNetworksAnswersTailoredWithScope24AndTheTraceSaysSo() {
        HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, TYPES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        Set<Set<String>> distinct = new HashSet<>();
        for (String location : Gateway.LOCATIONS) {
            JsonNode records = report.path("results").path(location).path("records");
            for (String type : TYPES) {
                JsonNode lookup = records.path(type);
                assertThat(DemoLookupTest.answerValues(lookup)).as("%s %s in %s", location, type, reply.body())
                        .isEqualTo(zones.rdata(location, "www", type));
                assertThat(lookup.path("ecs").path("subnet").asString()).as("%s %s subnet sent", location, type)
                        .isEqualTo(subnetOf(location));
                assertThat(lookup.path("ecs").path("scope_prefix").asInt(-1)).as("%s %s scope", location, type)
                        .isEqualTo(DEMO_SCOPE);
            }
            distinct.add(DemoLookupTest.answerValues(records.path("A")));
        }
        assertThat(distinct).as("A answers differ by location").hasSize(Gateway.LOCATIONS.size());
        for (JsonNode agreement : report.path("agreement")) {
            assertThat(agreement.path("verdict").asString()).as(agreement.toString()).isEqualTo("differ");
            assertThat(agreement.path("tailored").asBoolean()).as("differs, tailored by location: %s", agreement).isTrue();
        }

        String traceId = report.path("trace_id").asString();
        int expected = Gateway.LOCATIONS.size() * TYPES.size();
        JaegerTrace trace = new Jaeger(topology).awaitTrace(traceId, TraceInJaegerTest.ARRIVAL_BOUND,
                        t -> lookupSpans(t).size() == expected)
                .orElseThrow(() -> new AssertionError("Jaeger has no trace " + traceId + " with " + expected + " lookup spans"));
        assertThat(lookupSpans(trace)).as(trace.render()).hasSize(expected).allSatisfy(span -> {
            String location = span.tag("worker.location");
            assertThat(span.tag("geodig.dns.ecs.subnet")).as("%s on %s", span.operationName(), location).isEqualTo(subnetOf(location));
            assertThat(span.tag("geodig.dns.ecs.scope_prefix")).as("%s on %s", span.operationName(), location)
                    .isEqualTo(String.valueOf(DEMO_SCOPE));
        });
    }

    private static List<JaegerTrace.Span> lookupSpans(JaegerTrace trace) {
        return trace.spans().stream().filter(s -> s.operationName().matches("lookup_[a-z]+_record")).toList();
    }

    @Test
    @Order(2)
    void aNameWithoutGeoAnswersIsTheSameEverywhereWithScope0() {
        HttpJson.Reply reply = gateway.lookup(Gateway.body("static.geodig.test", Gateway.LOCATIONS, List.of("A")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        for (String location : Gateway.LOCATIONS) {
            JsonNode a = report.path("results").path(location).path("records").path("A");
            assertThat(DemoLookupTest.answerValues(a)).as("%s in %s", location, reply.body())
                    .isEqualTo(zones.rdata(location, "static", "A"));
            assertThat(a.path("ecs").path("subnet").asString()).isEqualTo(subnetOf(location));
            assertThat(a.path("ecs").path("scope_prefix").asInt(-1)).as("%s: the same for every client", location).isZero();
        }
        JsonNode agreement = report.path("agreement").get(0);
        assertThat(agreement.path("verdict").asString()).as(agreement.toString()).isEqualTo("same");
        assertThat(agreement.path("tailored").asBoolean()).as(agreement.toString()).isFalse();
    }

    /**
     * One resolver serves every location, as a public resolver serves every region: its cache must keep an answer
     * tailored to one network from any other. The first location's answer is cached (a second lookup a second
     * later gets it with its TTL counted down, so it came from the cache), then the last location asks the same
     * name within that TTL and must get its own network's answer.
     */
    @Test
    @Order(3)
    void theResolversCacheNeverGivesOneLocationAnotherLocationsAnswer() throws InterruptedException {
        String first = Gateway.LOCATIONS.getFirst();
        String last = Gateway.LOCATIONS.getLast();
        String name = "_sip._tcp.geodig.test";
        gateway.lookup(Gateway.body(name, List.of(first), List.of("SRV")));
        Thread.sleep(1_100);

        JsonNode cached = srv(first, name);
        assertThat(cached.path("answers").get(0).path("ttl").asLong()).as("%s's second answer, from the cache: %s", first, cached)
                .isLessThan(60);
        JsonNode other = srv(last, name);

        assertThat(DemoLookupTest.answerValues(cached)).isEqualTo(zones.rdata(first, "_sip._tcp", "SRV"));
        assertThat(DemoLookupTest.answerValues(other)).as("%s, asking while %s's answer is cached: %s", last, first, other)
                .isEqualTo(zones.rdata(last, "_sip._tcp", "SRV"))
                .doesNotContainAnyElementsOf(DemoLookupTest.answerValues(cached));
        assertThat(other.path("ecs").path("scope_prefix").asInt(-1)).isEqualTo(DEMO_SCOPE);
    }

    private JsonNode srv(String location, String name) {
        HttpJson.Reply reply = gateway.lookup(Gateway.body(name, List.of(location), List.of("SRV")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("results").path(location).path("records").path("SRV");
    }
}
