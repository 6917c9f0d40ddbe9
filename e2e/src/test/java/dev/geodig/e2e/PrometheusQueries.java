package dev.geodig.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Instant PromQL queries against the topology's Prometheus, as an operator would run them with curl. */
final class PrometheusQueries {

    private final String baseUrl;

    PrometheusQueries(GeodigTopology topology) {
        this.baseUrl = topology.prometheusUrl();
    }

    /** The series the query answers now (label sets and values); a failed query throws with Prometheus's answer. */
    List<JsonNode> result(String query) {
        HttpJson.Reply reply = HttpJson.get(baseUrl + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        if (reply.status() != 200 || !"success".equals(reply.json().path("status").asString())) {
            throw new IllegalStateException("Prometheus answered " + reply.status() + " to " + query + ": " + reply.body());
        }
        List<JsonNode> series = new ArrayList<>();
        reply.json().path("data").path("result").forEach(series::add);
        return series;
    }
}
