package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One trace laid out as a waterfall: the answer of the gateway's {@code GET /api/v1/traces/{trace_id}}.
 * The layout (tree order, depth, offsets on one time axis) is worked out once, by the gateway, so the
 * web page and the terminal client only draw rows.
 *
 * @param traceId 32 lower-case hex digits
 * @param startTime when the earliest span started, ISO-8601 with microseconds
 * @param durationUs from the earliest span start to the latest span end
 * @param services every service with a span in the trace, in the order they first appear in {@link #spans}
 * @param spans depth first: a span is followed by its children, ordered by start time; a span whose
 *     parent is not (yet) in the trace is a root of its own
 * @param jaegerUiUrl where this trace opens in a Jaeger UI, when one is configured; else {@code null}
 */
public record TraceView(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("start_time") String startTime,
        @JsonProperty("duration_us") long durationUs,
        @JsonProperty("services") List<String> services,
        @JsonProperty("span_count") int spanCount,
        @JsonProperty("spans") List<SpanRow> spans,
        @JsonProperty("jaeger_ui_url") String jaegerUiUrl) {

    public TraceView {
        services = List.copyOf(services);
        spans = List.copyOf(spans);
    }

    /**
     * One row of the waterfall.
     *
     * @param parentSpanId {@code null} for a root span
     * @param depth 0 for a root; a child is one deeper than its parent
     * @param startOffsetUs when the span started, from the trace's start
     * @param statusMessage why the span failed, as its service said; {@code null} when it said nothing
     * @param attributes the span's attributes, values as JSON strings, numbers, booleans or arrays ({@code error.type}
     *     among them for a failed span)
     * @param events the span's events in time order (an exception, the evaluation of the feature flag of an injected
     *     fault), offsets from the trace's start; the first {@value #MAX_EVENTS} at most
     * @param eventsDropped how many more events the span had: left out by its service's SDK, or beyond
     *     {@value #MAX_EVENTS} here
     */
    public record SpanRow(
            @JsonProperty("span_id") String spanId,
            @JsonProperty("parent_span_id") String parentSpanId,
            @JsonProperty("name") String name,
            @JsonProperty("service") String service,
            @JsonProperty("kind") Kind kind,
            @JsonProperty("depth") int depth,
            @JsonProperty("start_offset_us") long startOffsetUs,
            @JsonProperty("duration_us") long durationUs,
            @JsonProperty("status") Status status,
            @JsonProperty("status_message") String statusMessage,
            @JsonProperty("attributes") Map<String, Object> attributes,
            @JsonProperty("events") List<Event> events,
            @JsonProperty("events_dropped") long eventsDropped) {

        /** The most events a row lists: an injected fault's span has two (the flag's evaluation, the exception). */
        public static final int MAX_EVENTS = 16;

        public SpanRow {
            attributes = attributes == null ? Map.of() : attributes;
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    /**
     * A point in time within a span: {@code exception} ({@code exception.type}, {@code exception.message}), or
     * {@code feature_flag.evaluation} ({@code feature_flag.key}, {@code feature_flag.result.variant}, ...).
     */
    public record Event(
            @JsonProperty("name") String name,
            @JsonProperty("offset_us") long offsetUs,
            @JsonProperty("attributes") Map<String, Object> attributes) {
    }

    /** OpenTelemetry's span kinds, written in lower case. */
    public enum Kind {
        INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** OpenTelemetry's span status codes, written in lower case. */
    public enum Status {
        UNSET, OK, ERROR;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
