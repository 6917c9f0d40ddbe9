package dev.geodig.gateway.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.geodig.boot.LocationsProperties;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.problem.ProblemException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The metrics an operator looks at, as fixed, named queries against Prometheus ({@link MetricQueries}):
 * {@code GET /api/v1/metrics/services} (per service: requests per second, the share of errors, latency
 * percentiles, from the span metrics) and {@code GET /api/v1/metrics/locations} (per configured location:
 * its consumer group's lag and pending entries on {@code dns:tasks}, its answers and timeouts per second).
 * The one parameter is {@code range} ({@link MetricsRange}); anything else is a 400 naming it. 503 when
 * Prometheus cannot be reached, 502 when it fails a query.
 */
@RestController
class MetricsController {

    private static final Set<String> PARAMETERS = Set.of(MetricsRange.FIELD);

    private final Prometheus prometheus;
    private final List<String> locations;

    MetricsController(Prometheus prometheus, LocationsProperties locations) {
        this.prometheus = prometheus;
        this.locations = locations.locations();
    }

    @GetMapping(path = "/api/v1/metrics/services", produces = MediaType.APPLICATION_JSON_VALUE)
    ServicesAnswer services(@RequestParam MultiValueMap<String, String> parameters) {
        MetricsRange range = range(parameters);
        TimeGrid grid = TimeGrid.ending(Instant.now(), range);
        var window = range.rateWindow();
        String by = MetricQueries.SERVICE_LABEL;
        Map<String, List<Point>> requests = prometheus.series(MetricQueries.requestRate(window), by, grid);
        Map<String, List<Point>> errors = prometheus.series(MetricQueries.errorPercent(window), by, grid);
        Map<String, List<Point>> p50 = prometheus.series(MetricQueries.latency(0.5, window), by, grid);
        Map<String, List<Point>> p95 = prometheus.series(MetricQueries.latency(0.95, window), by, grid);
        Map<String, List<Point>> p99 = prometheus.series(MetricQueries.latency(0.99, window), by, grid);
        Set<String> seen = new LinkedHashSet<>(requests.keySet());
        List.of(errors, p50, p95, p99).forEach(series -> seen.addAll(series.keySet()));
        List<Point> none = empty(grid);
        List<ServiceMetrics> services = seen.stream()
                .sorted(serviceOrder())
                .map(service -> new ServiceMetrics(service, requests.getOrDefault(service, none), errors.getOrDefault(service, none),
                        new Latency(p50.getOrDefault(service, none), p95.getOrDefault(service, none), p99.getOrDefault(service, none))))
                .toList();
        return new ServicesAnswer(range.label(), grid.stepSeconds(), services);
    }

    @GetMapping(path = "/api/v1/metrics/locations", produces = MediaType.APPLICATION_JSON_VALUE)
    LocationsAnswer locations(@RequestParam MultiValueMap<String, String> parameters) {
        MetricsRange range = range(parameters);
        TimeGrid grid = TimeGrid.ending(Instant.now(), range);
        var window = range.rateWindow();
        String by = MetricQueries.LOCATION_LABEL;
        Map<String, List<Point>> lag = prometheus.series(MetricQueries.streamLag(), by, grid);
        Map<String, List<Point>> pending = prometheus.series(MetricQueries.pending(), by, grid);
        Map<String, List<Point>> answered = prometheus.series(MetricQueries.answeredRate(window), by, grid);
        Map<String, List<Point>> timedOut = prometheus.series(MetricQueries.timedOutRate(window), by, grid);
        List<Point> none = empty(grid);
        // Every configured location, in the configured order, with or without data: the page draws one row each.
        List<LocationMetrics> rows = locations.stream()
                .map(location -> new LocationMetrics(location, lag.getOrDefault(location, none), pending.getOrDefault(location, none),
                        answered.getOrDefault(location, none), timedOut.getOrDefault(location, none)))
                .toList();
        return new LocationsAnswer(range.label(), grid.stepSeconds(), rows);
    }

    private static MetricsRange range(MultiValueMap<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "The metrics query has a parameter it does not take.",
                        List.of(new FieldError(name, "is not a parameter of this query; it takes only " + MetricsRange.FIELD)), null);
            }
        }
        return MetricsRange.parse(parameters.get(MetricsRange.FIELD));
    }

    /** The gateway, the orchestrator, then the workers in the configured locations' order, then anything else by name. */
    private Comparator<String> serviceOrder() {
        return Comparator.comparingInt(this::rank).thenComparing(Comparator.naturalOrder());
    }

    private int rank(String service) {
        if (service.equals("dns-gateway")) {
            return 0;
        }
        if (service.equals("dns-orchestrator")) {
            return 1;
        }
        int location = locations.indexOf(service.startsWith("dns-worker-") ? service.substring("dns-worker-".length()) : "");
        return location >= 0 ? 2 + location : Integer.MAX_VALUE;
    }

    private static List<Point> empty(TimeGrid grid) {
        Point[] points = new Point[grid.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = new Point(grid.at(i), null);
        }
        return List.of(points);
    }

    record ServicesAnswer(@JsonProperty("range") String range, @JsonProperty("step_seconds") long stepSeconds,
            @JsonProperty("services") List<ServiceMetrics> services) {
    }

    /**
     * @param requestRate requests per second (SERVER spans; a worker's {@code process_dns_task})
     * @param errorPercent the share of them with status ERROR, 0 to 100
     */
    record ServiceMetrics(@JsonProperty("service") String service, @JsonProperty("request_rate") List<Point> requestRate,
            @JsonProperty("error_percent") List<Point> errorPercent, @JsonProperty("latency_ms") Latency latencyMs) {
    }

    record Latency(@JsonProperty("p50") List<Point> p50, @JsonProperty("p95") List<Point> p95, @JsonProperty("p99") List<Point> p99) {
    }

    record LocationsAnswer(@JsonProperty("range") String range, @JsonProperty("step_seconds") long stepSeconds,
            @JsonProperty("locations") List<LocationMetrics> locations) {
    }

    /**
     * @param streamLag entries of {@code dns:tasks} its group has not read
     * @param pending entries its workers read and have not acknowledged
     * @param answeredRate its results per second that came in time
     * @param timedOutRate lookups per second it gave no result to in time
     */
    record LocationMetrics(@JsonProperty("location") String location, @JsonProperty("stream_lag") List<Point> streamLag,
            @JsonProperty("pending") List<Point> pending, @JsonProperty("answered_rate") List<Point> answeredRate,
            @JsonProperty("timed_out_rate") List<Point> timedOutRate) {
    }
}
