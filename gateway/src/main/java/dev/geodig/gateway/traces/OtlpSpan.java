package dev.geodig.gateway.traces;

import dev.geodig.contract.TraceView.Kind;
import dev.geodig.contract.TraceView.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One span as Jaeger's API v3 answers it (OTLP JSON), read once for every reader of traces: the waterfall,
 * the search's summaries and the service map.
 *
 * @param parentSpanId {@code null} for a span without a parent
 * @param service the {@code service.name} of the resource the span came with
 * @param statusMessage {@code null} when the status has none
 * @param attributes the span's own attributes, values as {@link OtlpJson#value} reads them
 * @param events the span's events as OTLP JSON, read only by the waterfall
 * @param droppedEvents how many events the span's SDK left out (beyond its limit), as OTLP's {@code droppedEventsCount}
 */
public record OtlpSpan(String traceId, String spanId, String parentSpanId, String name, String service, Kind kind,
        long startNanos, long endNanos, Status status, String statusMessage, Map<String, Object> attributes,
        List<JsonNode> events, long droppedEvents) {

    /** What a span whose resource names no service is shown under, as OpenTelemetry's SDKs name such a service. */
    static final String UNKNOWN_SERVICE = "unknown_service";

    /** A span of {@code service}, from its OTLP JSON; a span ending before it starts is taken to end at its start. */
    static OtlpSpan of(JsonNode span, String service) {
        long start = OtlpJson.nanos(span.path("startTimeUnixNano"));
        long end = Math.max(start, OtlpJson.nanos(span.path("endTimeUnixNano")));
        String parent = span.path("parentSpanId").asString("");
        JsonNode status = span.path("status");
        String message = status.path("message").asString("");
        return new OtlpSpan(span.path("traceId").asString(""), span.path("spanId").asString(""),
                parent.isEmpty() ? null : parent, span.path("name").asString(""), service,
                OtlpJson.kind(span.path("kind")), start, end, OtlpJson.status(status.path("code")),
                message.isEmpty() ? null : message, OtlpJson.attributes(span.path("attributes")),
                span.path("events").valueStream().toList(), OtlpJson.count(span.path("droppedEventsCount")));
    }

    /** Every span of one element of OTLP's {@code resourceSpans}, each with the resource's service name. */
    static List<OtlpSpan> ofResource(JsonNode resourceSpans) {
        Object serviceName = OtlpJson.attributes(resourceSpans.path("resource").path("attributes")).get("service.name");
        String service = serviceName == null ? UNKNOWN_SERVICE : serviceName.toString();
        List<OtlpSpan> spans = new ArrayList<>();
        for (JsonNode scope : resourceSpans.path("scopeSpans")) {
            for (JsonNode span : scope.path("spans")) {
                spans.add(of(span, service));
            }
        }
        return spans;
    }

    /**
     * The attribute's value as text, as Jaeger compares a searched tag: strings as they are, booleans and
     * numbers as written in JSON; {@code null} when the span has no such attribute or it holds a list or map.
     */
    public String attributeText(String key) {
        Object value = attributes.get(key);
        return value instanceof String || value instanceof Boolean || value instanceof Number ? value.toString() : null;
    }
}
