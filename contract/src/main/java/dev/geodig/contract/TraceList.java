package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The traces a search found: the answer of the gateway's {@code GET /api/v1/traces?...}, newest first,
 * one summary per trace. The gateway reads them from Jaeger and summarizes each one, so the page and the
 * terminal client only list them.
 *
 * @param traces at most {@code limit}, newest (earliest span start) first
 * @param limit the most traces this answer may hold, as asked
 * @param complete whether {@code traces} holds every trace of the time range that matches; {@code false}
 *     when more matched than {@code limit}, or when the gateway read the newest {@code searched} traces of
 *     the range and older ones may match too
 * @param searched how many traces of the range the gateway read from Jaeger to find these
 */
public record TraceList(
        @JsonProperty("traces") List<TraceSummary> traces,
        @JsonProperty("limit") int limit,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("searched") int searched) {

    public TraceList {
        traces = traces == null ? List.of() : List.copyOf(traces);
    }

    /**
     * One trace in a line.
     *
     * @param traceId 32 lower-case hex digits
     * @param start when its earliest span started, RFC 3339 in UTC with milliseconds
     * @param durationMs from its earliest span start to its latest span end, to the microsecond
     * @param root its root span: the earliest span without a parent in the trace
     * @param domain the {@code dns.domain} of the lookup ({@code orchestrate_dns_lookup}'s, else the root's, else
     *     the first span's that has one); {@code null} for a trace without one
     * @param lookupStatus the {@code result.status} of {@code orchestrate_dns_lookup}, else of the root span;
     *     {@code null} when neither has one (a lookup the orchestrator never saw)
     * @param spanCount how many spans Jaeger holds of it
     * @param services every service with a span in it, in the order of their first span's start
     * @param errorSpans how many of its spans have the status error
     */
    public record TraceSummary(
            @JsonProperty("trace_id") String traceId,
            @JsonProperty("start") String start,
            @JsonProperty("duration_ms") double durationMs,
            @JsonProperty("root") RootSpan root,
            @JsonProperty("domain") String domain,
            @JsonProperty("lookup_status") String lookupStatus,
            @JsonProperty("span_count") int spanCount,
            @JsonProperty("services") List<String> services,
            @JsonProperty("error_spans") int errorSpans) {

        public TraceSummary {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /** The service and the name (the operation) of a trace's root span. */
    public record RootSpan(
            @JsonProperty("service") String service,
            @JsonProperty("operation") String operation) {
    }
}
