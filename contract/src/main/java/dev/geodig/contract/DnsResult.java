package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one location's worker publishes to {@link Streams#RESULTS} for one task.
 *
 * @param status {@code success}, {@code partial} or {@code error} ({@link LocationStatus}); never {@code timeout}
 * @param records per record type, in the order requested
 */
public record DnsResult(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("location") String location,
        @JsonProperty("domain") String domain,
        @JsonProperty("status") LocationStatus status,
        @JsonProperty("records") Map<String, RecordLookup> records,
        @JsonProperty("processing_time_ms") long processingTimeMs,
        @JsonProperty("error") String error) {

    public DnsResult {
        Objects.requireNonNull(traceId, "trace_id");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(status, "status");
        records = records == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }
}
