package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer to a lookup: what the orchestrator gathered, as the gateway returns it.
 *
 * @param traceId the request's trace id, the only correlation id; look the request up in Jaeger by it
 * @param status {@code success}, {@code partial} or {@code timeout} ({@link LookupStatus})
 * @param results one entry per requested location, in the order requested
 * @param agreement per record type, whether the locations got the same answer ({@link Agreement})
 */
public record LookupReport(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("status") LookupStatus status,
        @JsonProperty("domain") String domain,
        @JsonProperty("record_types") List<String> recordTypes,
        @JsonProperty("results") Map<String, LocationReport> results,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("agreement") List<Agreement> agreement) {

    /** A report whose agreement is worked out from its results. */
    public LookupReport(String traceId, LookupStatus status, String domain, List<String> recordTypes,
            Map<String, LocationReport> results, long durationMs) {
        this(traceId, status, domain, recordTypes, results, durationMs, Agreement.across(recordTypes, results));
    }

    /**
     * One location's part of the report.
     *
     * @param status the worker's {@link DnsResult#status()}, or {@link LocationStatus#TIMEOUT} when no result came
     * @param records per record type; empty on timeout
     * @param processingTimeMs the worker's processing time; {@code null} on timeout
     */
    public record LocationReport(
            @JsonProperty("status") LocationStatus status,
            @JsonProperty("records") Map<String, RecordLookup> records,
            @JsonProperty("processing_time_ms") Long processingTimeMs,
            @JsonProperty("error") String error) {

        public static LocationReport of(DnsResult result) {
            return new LocationReport(result.status(), result.records(), result.processingTimeMs(), result.error());
        }

        public static LocationReport timedOut(long deadlineMs) {
            return new LocationReport(LocationStatus.TIMEOUT, Map.of(), null, "no result within " + deadlineMs + " ms");
        }
    }
}
