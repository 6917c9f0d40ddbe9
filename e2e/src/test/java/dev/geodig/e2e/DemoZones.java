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

    /** The client subnet the location's worker sends, as the topology file gives it. */
    String sentSubnet(String location) {
        return topology.location(location).sentSubnet();
    }

    /**
     * The mark the page and the terminal client give the location's answers for {@code owner}: {@code tailored /24}
     * when the geo map lists its subnet for that name (Knot answers with the listed net's prefix, which in the demo
     * is the subnet's own), {@code scope /0} when the zone file answers it the same for everyone.
     */
    String tailoring(String location, String owner) {
        String subnet = sentSubnet(location);
        return geo.lists(owner, subnet) ? "tailored /" + subnet.substring(subnet.indexOf('/') + 1) : "scope /0";
    }
}
