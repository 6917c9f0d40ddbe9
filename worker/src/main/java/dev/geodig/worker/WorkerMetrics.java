package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.DNS_RCODE;
import static dev.geodig.telemetry.SpanAttributes.DNS_RECORD_TYPE;
import static dev.geodig.telemetry.SpanAttributes.RESULT_STATUS;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * The worker's own metrics, through the OpenTelemetry API: the Java agent exports them over OTLP
 * with the JVM's, and a test can read them from an in-memory reader.
 */
final class WorkerMetrics {

    static final String LOOKUP_DURATION = "dns.lookup.duration";
    static final String TASKS_PROCESSED = "dns.tasks.processed";
    static final String TASKS_EXPIRED = "geodig.worker.tasks.expired";

    /** Outcomes of a task that never became a result. */
    static final String SKIPPED = "skipped";
    static final String DEAD_LETTER = "dead_letter";
    /** A task dropped by the injected fault worker-drop: acknowledged, no result. */
    static final String DROPPED = "dropped";

    private final DoubleHistogram lookupDuration;
    private final LongCounter tasksProcessed;
    private final LongCounter tasksExpired;
    private final Attributes locationOnly;
    private final String location;

    WorkerMetrics(OpenTelemetry openTelemetry, String location) {
        Meter meter = openTelemetry.getMeter("dev.geodig.worker");
        this.location = location;
        this.lookupDuration = meter.histogramBuilder(LOOKUP_DURATION)
                .setDescription("Duration of one record-type DNS lookup, retries and TCP fallback included")
                .setUnit("s")
                // Seconds, as the semantic conventions prefer; the SDK's default buckets suit milliseconds, not this.
                .setExplicitBucketBoundariesAdvice(List.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
                .build();
        this.tasksProcessed = meter.counterBuilder(TASKS_PROCESSED)
                .setDescription("Tasks this worker finished, by result status (success, partial, error, skipped, dead_letter)")
                .setUnit("{task}")
                .build();
        // Apart from dns.tasks.processed, whose statuses are what became of the work: an expired task got none.
        this.tasksExpired = meter.counterBuilder(TASKS_EXPIRED)
                .setDescription("Tasks acknowledged without DNS work because they were read too late for their deadline")
                .setUnit("{task}")
                .build();
        this.locationOnly = Attributes.of(WORKER_LOCATION, location);
    }

    void lookupDone(String recordType, String rcode, long durationMs) {
        lookupDuration.record(durationMs / 1000.0, Attributes.of(
                WORKER_LOCATION, location, DNS_RECORD_TYPE, recordType, DNS_RCODE, rcode));
    }

    void taskExpired() {
        tasksExpired.add(1, locationOnly);
    }

    void taskDone(String status) {
        tasksProcessed.add(1, Attributes.of(WORKER_LOCATION, location, RESULT_STATUS, status));
    }
}
