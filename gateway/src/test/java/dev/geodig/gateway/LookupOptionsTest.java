package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.LookupRequest;
import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a client may ask, as the page builds its form from it: the configured locations with their
 * labels, resolvers, client subnets and whether they send them (set by the launcher from
 * deploy/topology.env), and the record types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LookupOptionsTest {

    @DynamicPropertySource
    static void topology(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        // A fourth location with no details: it is still offered, under its own name.
        registry.add("geodig.locations", () -> "us-east-1,eu-west-1,asia-south-1,sa-east-1");
        registry.add("geodig.gateway.location-details.us-east-1.label", () -> "US East (N. Virginia)");
        registry.add("geodig.gateway.location-details.eu-west-1.label", () -> "EU West (Ireland)");
        registry.add("geodig.gateway.location-details.eu-west-1.resolver", () -> "127.0.0.1:5302");
        registry.add("geodig.gateway.location-details.eu-west-1.client-subnet", () -> "198.51.100.0/24,2001:db8:2::/56");
        // As the topology file writes it: on/off, not true/false.
        registry.add("geodig.gateway.location-details.asia-south-1.client-subnet", () -> "203.0.113.0/24");
        registry.add("geodig.gateway.location-details.asia-south-1.ecs", () -> "off");
    }

    @LocalServerPort
    int port;

    @Test
    void locationsComeInConfiguredOrderWithLabelAndResolver() {
        Answer answer = new GatewayClient(port).get("/api/v1/locations");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode locations = answer.json().get("locations");
        assertThat(locations.valueStream().map(l -> l.get("name").asString()))
                .containsExactly("us-east-1", "eu-west-1", "asia-south-1", "sa-east-1");
        JsonNode euWest = locations.get(1);
        assertThat(euWest.get("label").asString()).isEqualTo("EU West (Ireland)");
        assertThat(euWest.get("resolver").asString()).isEqualTo("127.0.0.1:5302");
        JsonNode usEast = locations.get(0);
        assertThat(usEast.get("label").asString()).isEqualTo("US East (N. Virginia)");
        assertThat(usEast.get("resolver").isNull()).as("no resolver configured for us-east-1").isTrue();
        JsonNode saEast = locations.get(3);
        assertThat(saEast.get("label").asString()).isEqualTo("sa-east-1");
    }

    @Test
    void locationsSayWhichClientSubnetTheySendIfAny() {
        JsonNode locations = new GatewayClient(port).get("/api/v1/locations").json().get("locations");

        JsonNode euWest = locations.get(1);
        assertThat(euWest.get("client_subnet").asString()).as("as configured, both prefixes")
                .isEqualTo("198.51.100.0/24,2001:db8:2::/56");
        assertThat(euWest.get("ecs").asBoolean()).as("ECS is on unless configured off").isTrue();
        JsonNode asiaSouth = locations.get(2);
        assertThat(asiaSouth.get("client_subnet").asString()).isEqualTo("203.0.113.0/24");
        assertThat(asiaSouth.get("ecs").isBoolean()).isTrue();
        assertThat(asiaSouth.get("ecs").asBoolean()).as("ecs=off").isFalse();
        for (int i : new int[] {0, 3}) {
            JsonNode unset = locations.get(i);
            assertThat(unset.get("client_subnet").isNull()).as("no client subnet configured for %s", unset.get("name")).isTrue();
            assertThat(unset.get("ecs").asBoolean()).as("ecs of %s", unset.get("name")).isTrue();
        }
    }

    @Test
    void recordTypesAreWhatTheValidatorAccepts() {
        Answer answer = new GatewayClient(port).get("/api/v1/record-types");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("supported").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(LookupRequest.SUPPORTED_RECORD_TYPES);
        assertThat(answer.json().get("default").valueStream().map(JsonNode::asString))
                .containsExactly("A", "AAAA", "MX", "TXT", "NS");
    }
}
