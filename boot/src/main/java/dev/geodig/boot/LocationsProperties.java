package dev.geodig.boot;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The locations a lookup may name, {@code geodig.locations}: the gateway and the orchestrator check every
 * request against this one setting, so that a deployment sets it once ({@code GEODIG_LOCATIONS}; {@code ./geodig up}
 * from the topology file).
 *
 * @param locations every location a request may name, in the order reports list them; a request without
 *     locations asks all of them
 */
@ConfigurationProperties("geodig")
public record LocationsProperties(@DefaultValue({"us-east-1", "eu-west-1", "asia-south-1"}) List<String> locations) {

    public LocationsProperties {
        locations = List.copyOf(locations);
    }
}
