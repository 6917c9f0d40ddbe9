package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The demo request through the real gateway process, answered from the loopback DNS servers. */
@Order(1)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoLookupTest {

    static final String DEMO_NAME = "www.geodig.test";

    private Gateway gateway;
    private DemoZones zones;

    @BeforeAll
    void connect(GeodigTopology topology) {
        gateway = new Gateway(topology);
        zones = new DemoZones(topology);
    }

    @Test
    @Order(1)
    void demoRequestAnswersEveryLocationWithItsOwnZoneData() {
        HttpJson.Reply reply = gateway.lookup(Gateway.body(DEMO_NAME, Gateway.LOCATIONS, List.of("A", "AAAA")));

        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.path("status").asString()).as("overall status in %s", reply.body()).isEqualTo("success");
        String traceId = report.path("trace_id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(reply.header("traceresponse"))
                .as("W3C traceresponse header")
                .isNotNull()
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
                .contains("-" + traceId + "-");

        JsonNode results = report.path("results");
        assertThat(results.propertyNames()).containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
        Set<Set<String>> distinctAnswers = new HashSet<>();
        for (String location : Gateway.LOCATIONS) {
            JsonNode result = results.path(location);
            assertThat(result.path("status").asString()).as("%s status in %s", location, result).isEqualTo("success");
            assertThat(result.path("records").propertyNames()).as("%s record types", location)
                    .containsExactlyInAnyOrder("A", "AAAA");
            JsonNode a = result.path("records").path("A");
            assertThat(a.path("rcode").asString()).as("%s A rcode", location).isEqualTo("NOERROR");
            Set<String> answered = answerValues(a);
            assertThat(answered).as("%s A answers", location).isEqualTo(zones.rdata(location, "www", "A"));
            JsonNode aaaa = result.path("records").path("AAAA");
            assertThat(aaaa.path("rcode").asString()).as("%s AAAA rcode", location).isEqualTo("NOERROR");
            assertThat(ipv6(answerValues(aaaa))).as("%s AAAA answers", location)
                    .isNotEmpty().isEqualTo(ipv6(zones.rdata(location, "www", "AAAA")));
            distinctAnswers.add(answered);
        }
        assertThat(distinctAnswers).as("A answers differ across locations").hasSize(Gateway.LOCATIONS.size());
    }

    @Test
    @Order(2)
    void missingLocationsMeansEveryLocation() {
        HttpJson.Reply reply = gateway.lookup(Gateway.body(DEMO_NAME, null, List.of("A")));

        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        JsonNode results = reply.json().path("results");
        assertThat(results.propertyNames()).containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
        for (String location : Gateway.LOCATIONS) {
            assertThat(answerValues(results.path(location).path("records").path("A")))
                    .as("%s A answers", location).isEqualTo(zones.rdata(location, "www", "A"));
        }
    }

    @Test
    @Order(3)
    void badRequestIsAProblemDocumentFromTheRealProcess() {
        HttpJson.Reply reply = gateway.lookup(Gateway.body("bad..name.geodig.test", Gateway.LOCATIONS, List.of("A")));

        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString() + problem.path("title").asString() + problem.toString())
                .contains("domain");

        HttpJson.Reply unknownLocation = gateway.lookup(Gateway.body(DEMO_NAME, List.of("mars-north-1"), List.of("A")));
        assertThat(unknownLocation.status()).as("status of %s", unknownLocation.body()).isEqualTo(400);
        assertThat(unknownLocation.contentType()).startsWith("application/problem+json");

        HttpJson.Reply malformed = gateway.post("application/json", "{\"domain\": ");
        assertThat(malformed.status()).as("status of %s", malformed.body()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    /** IPv6 literals in one form ("2001:db8::1" and "2001:db8:0:0:0:0:0:1" are the same address). */
    private static Set<InetAddress> ipv6(Set<String> literals) {
        Set<InetAddress> addresses = new HashSet<>();
        for (String literal : literals) {
            // Only a literal is ever parsed here, so no name resolution can happen.
            assertThat(literal).as("IPv6 literal").matches("[0-9A-Fa-f:.]+");
            try {
                addresses.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new AssertionError("not an IPv6 literal: " + literal, e);
            }
        }
        return addresses;
    }

    static Set<String> answerValues(JsonNode recordLookup) {
        Set<String> values = new TreeSet<>();
        for (JsonNode answer : recordLookup.path("answers")) {
            values.add(answer.path("value").asString());
        }
        return values;
    }

}
