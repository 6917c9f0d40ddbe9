package dev.geodig.e2e;

import dev.geodig.testkit.TopologyFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The gateway's public lookup endpoint, as a user's client calls it. */
final class Gateway {

    static final String LOOKUP_PATH = "/api/v1/dns/lookup";
    /** The shared topology's locations: those of deploy/topology.env, in its order. */
    static final List<String> LOCATIONS = TopologyFile.ofRepository(GeodigTopology.configuredRepoRoot()).locationNames();

    private final String baseUrl;

    Gateway(GeodigTopology topology) {
        this.baseUrl = topology.gatewayUrl();
    }

    /** The lookup request's body (docs/messages.md): domain, locations, record types; {@code null} leaves the field out. */
    static String body(String domain, List<String> locations, List<String> recordTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        if (locations != null) {
            body.put("locations", locations);
        }
        if (recordTypes != null) {
            body.put("record_types", recordTypes);
        }
        return HttpJson.JSON.writeValueAsString(body);
    }

    HttpJson.Reply lookup(String body) {
        return HttpJson.await(lookupAsync(body));
    }

    CompletableFuture<HttpJson.Reply> lookupAsync(String body) {
        return HttpJson.postAsync(baseUrl + LOOKUP_PATH, "application/json", body, Map.of());
    }

    HttpJson.Reply post(String contentType, String body) {
        return HttpJson.post(baseUrl + LOOKUP_PATH, contentType, body);
    }
}
