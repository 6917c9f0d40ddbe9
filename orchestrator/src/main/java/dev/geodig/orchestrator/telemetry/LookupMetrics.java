package dev.geodig.orchestrator.telemetry;

import static dev.geodig.telemetry.SpanAttributes.IGNORED_REASON;
import static dev.geodig.telemetry.SpanAttributes.RESULTS_MODE;
import static dev.geodig.telemetry.SpanAttributes.RESULT_STATUS;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.contract.LocationStatus;
import dev.geodig.orchestrator.results.ResultsMode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.List;

/**
 * The orchestrator's own metrics, through the OpenTelemetry API (the agent exports them over OTLP).
 * The results mode is an attribute so the benchmark can put both modes side by side.
 */
public final class LookupMetrics {

    public static final String METER_NAME = "dev.geodig.orchestrator";
    public static final String LOOKUP_DURATION = "geodig.orchestrator.lookup.duration";
    public static final String RESULTS_IGNORED = "geodig.orchestrator.results.ignored";
    public static final String LOCATION_RESULTS = "geodig.orchestrator.location.results";

    private final DoubleHistogram lookupDuration;
    private final LongCounter resultsIgnored;
    private final LongCounter locationResults;
    private final String mode;

    /**
     * @param locations the configured locations: each one's count of every outcome starts at 0, so the first
     *     timeout of a location is an increase Prometheus sees (a series first scraped at 1 is no increase to
     *     {@code rate()}: a location that times out for the first time would show no timeouts at all)
     */
    public LookupMetrics(OpenTelemetry openTelemetry, ResultsMode mode, List<String> locations) {
        Meter meter = openTelemetry.getMeter(METER_NAME);
        this.mode = mode.configName();
        this.lookupDuration = meter.histogramBuilder(LOOKUP_DURATION)
                .setDescription("Duration of a lookup, from request to report, by overall status")
                .setUnit("s")
                .build();
        this.resultsIgnored = meter.counterBuilder(RESULTS_IGNORED)
                .setDescription("Worker results read but not used: late, duplicate, unrequested location, malformed")
                .setUnit("{result}")
                .build();
        this.locationResults = meter.counterBuilder(LOCATION_RESULTS)
                .setDescription("Per location of each lookup, how its part ended: answered (success, partial, error) or timeout")
                .setUnit("{result}")
                .build();
        for (String location : locations) {
            for (LocationStatus status : LocationStatus.values()) {
                locationResults.add(0, locationResult(location, status));
            }
        }
    }

    /** @param status the report's status, or {@code error} when the lookup failed */
    public void lookupFinished(String status, Duration duration) {
        lookupDuration.record(duration.toNanos() / 1e9, Attributes.of(RESULT_STATUS, status, RESULTS_MODE, mode));
    }

    /** One location's part of a reported lookup: answered with {@code status}, or {@code timeout} when nothing came in time. */
    public void locationReported(String location, LocationStatus status) {
        locationResults.add(1, locationResult(location, status));
    }

    private static Attributes locationResult(String location, LocationStatus status) {
        return Attributes.of(WORKER_LOCATION, location, RESULT_STATUS, status.wireName());
    }

    public void resultIgnored(IgnoredResult reason) {
        resultsIgnored.add(1, Attributes.of(IGNORED_REASON, reason.attributeValue(), RESULTS_MODE, mode));
    }

    /** Why a result read from {@code dns:results} was not used. */
    public enum IgnoredResult {
        /**
         * No lookup of this collector waits for its trace id: a late result (after the deadline), or
         * another lookup's (another orchestrator instance's, or, with a group per request, a
         * concurrent request's: that group sees every result).
         */
        NOT_WAITING("not_waiting"),
        /** A second result of the same location for the same request. */
        DUPLICATE("duplicate"),
        /** A location the request did not ask. */
        UNREQUESTED_LOCATION("unrequested_location"),
        /** Not a result message at all. */
        MALFORMED("malformed");

        private final String attributeValue;

        IgnoredResult(String attributeValue) {
            this.attributeValue = attributeValue;
        }

        public String attributeValue() {
            return attributeValue;
        }
    }
}
