package dev.geodig.gateway.metrics;

import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.LoopbackRequestFactory;
import dev.geodig.gateway.problem.ProblemException;
import dev.geodig.telemetry.UntracedPolling;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one of the gateway's fixed PromQL queries ({@link MetricQueries}) as a range query against
 * Prometheus's HTTP API ({@code POST /api/v1/query_range}) and hands back its series, one per value of
 * the label the query groups by, each with a point at every instant of the grid.
 *
 * <p>The address is configuration only ({@code geodig.gateway.prometheus-url}), and nothing a client sends
 * becomes part of a query: it only picks a range. Each read runs under an unsampled trace context (as the
 * page's own reads do, ADR 0003): looking at metrics makes no traces, which would otherwise show up in the
 * very span metrics being looked at.
 */
@Component
class Prometheus {

    static final String QUERY_RANGE_PATH = "/api/v1/query_range";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final RestClient prometheus;
    private final URI baseUrl;
    private final String timeout;

    Prometheus(RestClient.Builder builder, GatewayProperties properties) {
        this.baseUrl = properties.prometheusUrl();
        // Prometheus stops evaluating a query after this too, rather than working on for a client that left.
        this.timeout = properties.prometheusTimeout().toMillis() + "ms";
        this.prometheus = builder.clone()
                .requestFactory(LoopbackRequestFactory.of(properties.prometheusTimeout(), properties.prometheusTimeout()))
                .build();
    }

    /**
     * {@code query} over {@code grid}: per value of {@code byLabel}, the series with a point at every instant
     * of the grid, {@code null} where Prometheus has no number. A series without the label is dropped.
     */
    Map<String, List<Point>> series(String query, String byLabel, TimeGrid grid) {
        JsonNode answer = queryRange(query, grid);
        if (!"success".equals(answer.path("status").asString(""))) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY,
                    "Prometheus did not run a metrics query: " + answer.path("error").asString("no reason given"), List.of(), null);
        }
        Map<String, List<Point>> byValue = new LinkedHashMap<>();
        for (JsonNode series : answer.path("data").path("result")) {
            JsonNode label = series.path("metric").path(byLabel);
            if (label.isString()) {
                byValue.put(label.asString(), aligned(series.path("values"), grid));
            }
        }
        return byValue;
    }

    private JsonNode queryRange(String query, TimeGrid grid) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("query", query);
        form.add("start", Long.toString(grid.start()));
        form.add("end", Long.toString(grid.end()));
        form.add("step", Long.toString(grid.stepSeconds()));
        form.add("timeout", timeout);
        byte[] body;
        try (Scope untraced = UntracedPolling.enter()) {
            body = prometheus.post()
                    .uri(baseUrl.resolve(QUERY_RANGE_PATH))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .body(byte[].class);
        } catch (ResourceAccessException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Prometheus at " + baseUrl + " is unreachable, so there are no metrics to show.", List.of(), e);
        } catch (RestClientResponseException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY,
                    "Prometheus answered " + e.getStatusCode().value() + " to a metrics query.", List.of(), e);
        } catch (RestClientException e) {
            throw notMetrics(e);
        }
        try {
            JsonNode answer = body == null ? null : JSON.readTree(body);
            if (answer == null || !answer.isObject()) {
                throw notMetrics(null);
            }
            return answer;
        } catch (JacksonException e) {
            throw notMetrics(e);
        }
    }

    private static ProblemException notMetrics(Exception cause) {
        return new ProblemException(HttpStatus.BAD_GATEWAY,
                "Prometheus answered a metrics query with something that is not a query result.", List.of(), cause);
    }

    /** Prometheus's {@code [[t, "v"], ...]}, which omits the instants it has nothing for, on the full grid. */
    private static List<Point> aligned(JsonNode values, TimeGrid grid) {
        Map<Long, Double> known = new HashMap<>();
        for (JsonNode pair : values) {
            known.put(Math.round(pair.path(0).asDouble()), number(pair.path(1).asString("")));
        }
        Point[] points = new Point[grid.size()];
        for (int i = 0; i < points.length; i++) {
            long time = grid.at(i);
            points[i] = new Point(time, known.get(time));
        }
        return List.of(points);
    }

    /** Prometheus writes sample values as strings; NaN and the infinities are no number JSON can carry. */
    private static Double number(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
