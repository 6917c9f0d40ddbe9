package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.testkit.TopologyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Adding a location is one edit of the topology file plus its answers in the geo map. This test makes that
 * edit: a copy of deploy/topology.env with sa-east-1's two lines appended (its answers, under net
 * 2001:db8:4::/56, are in deploy/dns/geo.yaml; IPv6 only on purpose), started by {@code ./geodig up} with
 * {@code GEODIG_TOPOLOGY} naming it, on ports of its own. A lookup then gets four answers, each the demo
 * zone's for its own location's client subnet.
 *
 * <p>It runs before the shared topology starts and stops its own first, so the two never run at once.
 */
@Order(-1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FourLocationsTest {

    static final String FOURTH = "sa-east-1";
    static final String FOURTH_LABEL = "South America (Sao Paulo)";
    static final String FOURTH_SUBNET = "2001:db8:4::/56";
    /** The edit: what a user adds to deploy/topology.env for a fourth location. */
    static final String FOURTH_LOCATION_LINES = """
            location.%1$s.label=%2$s
            location.%1$s.client-subnet=%3$s
            """.formatted(FOURTH, FOURTH_LABEL, FOURTH_SUBNET);

    @AutoClose
    private GeodigTopology topology;

    @BeforeAll
    void startFourLocations() throws IOException {
        Path repoRoot = GeodigTopology.configuredRepoRoot();
        Path repository = repoRoot.resolve(TopologyFile.IN_REPOSITORY);
        String repositoryLines = Files.readString(repository);
        // Should the repository's file list it already (the edit made for real), it is taken as it is.
        boolean listed = TopologyFile.read(repository).locationNames().contains(FOURTH);
        Path file = repoRoot.resolve("e2e/target/four-locations.env");
        Files.writeString(file, listed ? repositoryLines
                : repositoryLines + (repositoryLines.endsWith("\n") ? "" : "\n") + FOURTH_LOCATION_LINES);
        TopologyFile fourLocations = TopologyFile.read(file);
        assertThat(fourLocations.locationNames()).as("the locations of %s", file).hasSize(4).endsWith(FOURTH);

        topology = GeodigTopology.variant("four-locations", fourLocations, Map.of());
        topology.start();
    }

    @Test
    @Order(1)
    void aLookupGetsEachOfTheFourLocationsOwnAnswers() {
        // No locations in the request: every location the services were given.
        HttpJson.Reply reply = new Gateway(topology).lookup(Gateway.body(DemoLookupTest.DEMO_NAME, null, List.of("A", "TXT")));

        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.path("status").asString()).as("overall status in %s", reply.body()).isEqualTo("success");
        JsonNode results = report.path("results");
        assertThat(results.propertyNames()).as("locations answering in %s", reply.body())
                .containsExactlyInAnyOrderElementsOf(topology.locations());
        DemoZones zones = new DemoZones(topology);
        Set<Set<String>> distinctAnswers = new HashSet<>();
        for (String location : topology.locations()) {
            JsonNode records = results.path(location).path("records");
            assertThat(results.path(location).path("status").asString()).as("%s status", location).isEqualTo("success");
            Set<String> addresses = DemoLookupTest.answerValues(records.path("A"));
            assertThat(addresses).as("%s A answers", location).isEqualTo(zones.rdata(location, "www", "A"));
            // Each net's TXT names its location: the answer was chosen for that location's client subnet.
            assertThat(DemoLookupTest.answerValues(records.path("TXT"))).as("%s TXT answers", location)
                    .isEqualTo(zones.rdata(location, "www", "TXT"))
                    .containsExactly("\"edge=" + location + "\"");
            distinctAnswers.add(addresses);
        }
        assertThat(distinctAnswers).as("A answers differ across the four locations").hasSize(4);
    }

    @Test
    @Order(2)
    void theGatewayOffersTheFourthLocationWithItsLabelAndResolver() {
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/locations");

        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        List<JsonNode> locations = reply.json().path("locations").valueStream().toList();
        assertThat(locations.stream().map(l -> l.path("name").asString())).containsExactlyElementsOf(topology.locations());
        JsonNode fourth = locations.getLast();
        assertThat(fourth.path("label").asString()).isEqualTo(FOURTH_LABEL);
        // One resolver for every location: a location is told apart by the subnet its worker sends.
        assertThat(locations).allSatisfy(location -> assertThat(location.path("resolver").asString())
                .as("resolver of %s", location).isEqualTo("127.0.0.1:" + topology.resolverPort()));
    }
}
