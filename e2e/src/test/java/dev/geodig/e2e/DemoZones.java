package dev.geodig.e2e;

import dev.geodig.testkit.GeoMap;
import dev.geodig.testkit.TopologyFile;
import java.util.Set;
import java.util.TreeSet;

/**
 * The expected answers, read from the demo DNS's own files (deploy/dns/geo.yaml by client subnet, the zone
 * file for everything else, through testkit's {@link GeoMap}) rather than copied into the tests, so a change
 * to the demo data cannot leave the tests asserting stale answers. A location gets what the demo zone gives
 * the client subnet its worker sends (the topology file's), or the zone's defaults when it sends none.
 */
final class DemoZones {

    private final GeoMap geo;
    private final GeodigTopology topology;

    DemoZones(GeodigTopology topology) {
        this.topology = topology;
        this.geo = GeoMap.ofRepository(topology.repoRoot());
    }

    /**
     * The answers of {@code type} for {@code owner} (as the zone file writes it, e.g. {@code www} or {@code @})
     * that the location's worker gets, in presentation form (TXT quoted).
     */
    Set<String> rdata(String location, String owner, String type) {
        TopologyFile.Location configured = topology.location(location);
        Set<String> values = new TreeSet<>(geo.answers(owner, type, configured.ecs() ? configured.sentSubnet() : null));
        if (values.isEmpty()) {
            throw new IllegalStateException("no " + type + " record for " + owner + " in the demo DNS for " + location);
        }
        return values;
    }
}
