package dev.geodig.gateway.metrics;

import dev.geodig.contract.LocationStatus;
import dev.geodig.telemetry.SpanAttributes;
import io.opentelemetry.api.common.AttributeKey;
import java.time.Duration;

/**
 * The PromQL behind {@code /api/v1/metrics/*}, written here and nowhere else. Every query is fixed but for
 * its rate window, which comes from a {@link MetricsRange}: nothing a client sends reaches Prometheus.
 *
 * <p>The names are those the central collector's Prometheus exporter gives the metrics: dots become
 * underscores, a counter gains {@code _total}, a histogram's unit is spelled out ({@code _milliseconds}),
 * an annotation unit such as {@code {entry}} is dropped. The span metrics are the collector's
 * {@code spanmetrics} connector's ({@code deploy/otel/collector-central.yaml}); the per-location ones are
 * the orchestrator's ({@code LookupMetrics}, {@code TaskBacklogMetrics}).
 *
 * <p>"Requests" are the spans that stand for one unit of a service's work: its SERVER spans (an HTTP
 * service's requests) and the workers' CONSUMER spans {@code process_dns_task} (one task each). Errors are
 * those whose status is ERROR.
 */
final class MetricQueries {

    static final String CALLS = "traces_span_metrics_calls_total";
    static final String DURATION_BUCKETS = "traces_span_metrics_duration_milliseconds_bucket";
    static final String TASKS_LAG = "geodig_orchestrator_tasks_lag";
    static final String TASKS_PENDING = "geodig_orchestrator_tasks_pending";
    static final String LOCATION_RESULTS = "geodig_orchestrator_location_results_total";

    /** The span metrics' service dimension (the resource's service.name). */
    static final String SERVICE_LABEL = "service_name";
    static final String LOCATION_LABEL = label(SpanAttributes.WORKER_LOCATION);
    private static final String STATUS_LABEL = label(SpanAttributes.RESULT_STATUS);
    private static final String TIMEOUT = LocationStatus.TIMEOUT.wireName();

    private static final String SERVER_SPANS = "span_kind=\"SPAN_KIND_SERVER\"";
    private static final String TASK_SPANS = "span_kind=\"SPAN_KIND_CONSUMER\",span_name=\"process_dns_task\"";
    private static final String ERROR = ",status_code=\"STATUS_CODE_ERROR\"";

    private MetricQueries() {
    }

    /** Requests per second, per service. */
    static String requestRate(Duration window) {
        return requests(CALLS, "", window);
    }

    /**
     * Per service, the share of its requests that ended in error, in percent: 0 while it has requests and no
     * errors (there is no error series to divide then), no number while it has no requests.
     */
    static String errorPercent(Duration window) {
        String all = requests(CALLS, "", window);
        return "100 * ((" + requests(CALLS, ERROR, window) + ") or (0 * " + all + ")) / " + all;
    }

    /** Per service, the {@code quantile} (0.5 for the median) of its requests' duration, in ms. */
    static String latency(double quantile, Duration window) {
        return "histogram_quantile(" + quantile + ", " + requests(DURATION_BUCKETS, "", window, SERVICE_LABEL + ", le") + ")";
    }

    /** Per location, the entries of dns:tasks its consumer group has not read yet. */
    static String streamLag() {
        // max, not sum: every orchestrator instance reports the same groups.
        return "max by (" + LOCATION_LABEL + ") (" + TASKS_LAG + ")";
    }

    /** Per location, the entries its workers have read and not yet acknowledged. */
    static String pending() {
        return "max by (" + LOCATION_LABEL + ") (" + TASKS_PENDING + ")";
    }

    /** Per location, its answers per second (success, partial or error: a result came in time). */
    static String answeredRate(Duration window) {
        return locationResults(STATUS_LABEL + "!=\"" + TIMEOUT + "\"", window);
    }

    /** Per location, the lookups per second it gave no result to in time. */
    static String timedOutRate(Duration window) {
        return locationResults(STATUS_LABEL + "=\"" + TIMEOUT + "\"", window);
    }

    private static String requests(String metric, String extraMatchers, Duration window) {
        return requests(metric, extraMatchers, window, SERVICE_LABEL);
    }

    private static String requests(String metric, String extraMatchers, Duration window, String by) {
        String range = "[" + window.toSeconds() + "s]";
        return "sum by (" + by + ") (rate(" + metric + "{" + SERVER_SPANS + extraMatchers + "}" + range + ") or rate("
                + metric + "{" + TASK_SPANS + extraMatchers + "}" + range + "))";
    }

    /** A rate of the results matching {@code statusMatcher}, 0 (not nothing) for a location that has results but none of these. */
    private static String locationResults(String statusMatcher, Duration window) {
        String range = "[" + window.toSeconds() + "s]";
        return "sum by (" + LOCATION_LABEL + ") (rate(" + LOCATION_RESULTS + "{" + statusMatcher + "}" + range + "))"
                + " or (0 * sum by (" + LOCATION_LABEL + ") (rate(" + LOCATION_RESULTS + range + ")))";
    }

    /** An attribute's name as a Prometheus label: its dots become underscores. */
    private static String label(AttributeKey<String> attribute) {
        return attribute.getKey().replace('.', '_');
    }
}
