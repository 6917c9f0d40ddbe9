package dev.geodig.gateway.lookup;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.geodig.boot.LocationsProperties;
import dev.geodig.contract.LookupRequest;
import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.GatewayProperties.LocationDetails;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a lookup may ask for, so a client (the page, a script) offers exactly what the gateway accepts:
 * {@code GET /api/v1/locations} and {@code GET /api/v1/record-types}.
 */
@RestController
class LookupOptionsController {

    private final Locations locations;

    LookupOptionsController(LocationsProperties configuredLocations, GatewayProperties properties) {
        List<Location> configured = configuredLocations.locations().stream()
                .map(name -> Location.of(name, properties.locationDetails().get(name)))
                .toList();
        this.locations = new Locations(configured);
    }

    @GetMapping(path = "/api/v1/locations", produces = MediaType.APPLICATION_JSON_VALUE)
    Locations locations() {
        return locations;
    }

    @GetMapping(path = "/api/v1/record-types", produces = MediaType.APPLICATION_JSON_VALUE)
    RecordTypes recordTypes() {
        return RecordTypes.ANSWER;
    }

    record Locations(@JsonProperty("locations") List<Location> locations) {
    }

    /**
     * @param label a human name of the place; the name itself when none is configured
     * @param resolver the DNS server its worker asks, as configured; {@code null} when not configured
     * @param clientSubnet the location's client subnet(s) as configured, the first the one its queries carry;
     *     {@code null} when not configured
     * @param ecs whether its queries carry the client subnet at all: the page says "ECS off" rather than
     *     a subnet nobody is sent
     */
    record Location(@JsonProperty("name") String name, @JsonProperty("label") String label,
            @JsonProperty("resolver") String resolver, @JsonProperty("client_subnet") String clientSubnet,
            @JsonProperty("ecs") boolean ecs) {

        static Location of(String name, LocationDetails details) {
            if (details == null) {
                return new Location(name, name, null, null, true);
            }
            String label = details.label() == null || details.label().isBlank() ? name : details.label();
            return new Location(name, label, orNull(details.resolver()), orNull(details.clientSubnet()), details.ecs());
        }

        private static String orNull(String configured) {
            return configured == null || configured.isBlank() ? null : configured.strip();
        }
    }

    record RecordTypes(@JsonProperty("supported") List<String> supported, @JsonProperty("default") List<String> defaults) {
        static final RecordTypes ANSWER = new RecordTypes(
                LookupRequest.SUPPORTED_RECORD_TYPES, LookupRequest.DEFAULT_RECORD_TYPES);
    }
}
