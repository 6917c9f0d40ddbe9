package dev.geodig.gateway.traces;

import dev.geodig.contract.TraceView;
import dev.geodig.contract.TraceView.Event;
import dev.geodig.contract.TraceView.Kind;
import dev.geodig.contract.TraceView.SpanRow;
import dev.geodig.contract.TraceView.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Lays a trace out as a waterfall ({@link TraceView}) from its OTLP JSON: every span once, depth first,
 * each followed by its children in start order, with offsets on the trace's own time axis.
 *
 * <p>A span whose parent is not in the trace becomes a root. That is normal for a moment: spans reach
 * Jaeger through batching collectors, so a child may arrive before its parent.
 */
final class TraceLayout {

    private static final Comparator<Span> START_ORDER =
            Comparator.comparingLong(Span::startNanos).thenComparing(Span::name).thenComparing(Span::spanId);

    private TraceLayout() {
    }

    static TraceView of(TraceId traceId, List<JsonNode> resourceSpans, String jaegerUiUrl) {
        List<Span> spans = spansOf(resourceSpans);
        long traceStart = spans.stream().mapToLong(Span::startNanos).min().orElse(0);
        long traceEnd = spans.stream().mapToLong(Span::endNanos).max().orElse(traceStart);

        List<SpanRow> rows = new ArrayList<>(spans.size());
        Set<String> services = new LinkedHashSet<>();
        for (Placed placed : depthFirst(spans)) {
            Span span = placed.span();
            services.add(span.service());
            rows.add(new SpanRow(span.spanId(), span.parentSpanId(), span.name(), span.service(), span.kind(),
                    placed.depth(), micros(span.startNanos() - traceStart), micros(span.endNanos() - span.startNanos()),
                    span.status(), span.statusMessage(), span.attributes(), events(span, traceStart)));
        }
        String startTime = Instant.EPOCH.plusNanos(traceStart).truncatedTo(ChronoUnit.MICROS).toString();
        return new TraceView(traceId.hex(), startTime, micros(traceEnd - traceStart), List.copyOf(services),
                rows.size(), rows, jaegerUiUrl);
    }

    private record Placed(Span span, int depth) {
    }

    /** Roots (no parent, or a parent not in the trace) in start order, each followed by its subtree. */
    private static List<Placed> depthFirst(List<Span> spans) {
        Map<String, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.putIfAbsent(span.spanId(), span));
        Map<String, List<Span>> children = new HashMap<>();
        List<Span> roots = new ArrayList<>();
        for (Span span : byId.values()) {
            if (span.parentSpanId() != null && byId.containsKey(span.parentSpanId()) && !span.parentSpanId().equals(span.spanId())) {
                children.computeIfAbsent(span.parentSpanId(), id -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        roots.sort(START_ORDER);
        children.values().forEach(list -> list.sort(START_ORDER));

        // Spans on a parent cycle (broken data) are reached from no root: they follow as roots of their own.
        List<Span> unreached = new ArrayList<>(byId.values());
        unreached.sort(START_ORDER);
        roots.addAll(unreached);
        return walk(roots, children);
    }

    /** Each root not placed yet, followed by its subtree in child order; every span is placed once. */
    private static List<Placed> walk(List<Span> roots, Map<String, List<Span>> children) {
        List<Placed> placed = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<Placed> stack = new ArrayDeque<>();
        for (Span root : roots) {
            if (visited.contains(root.spanId())) {
                continue;
            }
            stack.push(new Placed(root, 0));
            while (!stack.isEmpty()) {
                Placed next = stack.pop();
                if (!visited.add(next.span().spanId())) {
                    continue; // a parent cycle must not loop forever
                }
                placed.add(next);
                List<Span> kids = children.getOrDefault(next.span().spanId(), List.of());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(new Placed(kids.get(i), next.depth() + 1));
                }
            }
        }
        return placed;
    }

    private static List<Event> events(Span span, long traceStart) {
        List<Event> events = new ArrayList<>();
        for (JsonNode event : span.events()) {
            events.add(new Event(event.path("name").asString(""),
                    micros(nanos(event.path("timeUnixNano")) - traceStart), OtlpJson.attributes(event.path("attributes"))));
        }
        return events;
    }

    private static List<Span> spansOf(List<JsonNode> resourceSpans) {
        List<Span> spans = new ArrayList<>();
        for (JsonNode resource : resourceSpans) {
            Map<String, Object> resourceAttributes = OtlpJson.attributes(resource.path("resource").path("attributes"));
            Object serviceName = resourceAttributes.get("service.name");
            String service = serviceName == null ? "unknown_service" : serviceName.toString();
            for (JsonNode scope : resource.path("scopeSpans")) {
                for (JsonNode span : scope.path("spans")) {
                    spans.add(Span.of(span, service));
                }
            }
        }
        return spans;
    }

    /** One OTLP span, as much of it as the waterfall needs. */
    private record Span(String spanId, String parentSpanId, String name, String service, Kind kind,
            long startNanos, long endNanos, Status status, String statusMessage,
            Map<String, Object> attributes, List<JsonNode> events) {

        static Span of(JsonNode span, String service) {
            long start = nanos(span.path("startTimeUnixNano"));
            long end = Math.max(start, nanos(span.path("endTimeUnixNano")));
            String parent = span.path("parentSpanId").asString("");
            JsonNode status = span.path("status");
            String message = status.path("message").asString("");
            return new Span(span.path("spanId").asString(""), parent.isEmpty() ? null : parent,
                    span.path("name").asString(""), service, OtlpJson.kind(span.path("kind")), start, end,
                    OtlpJson.status(status.path("code")), message.isEmpty() ? null : message,
                    OtlpJson.attributes(span.path("attributes")), span.path("events").valueStream().toList());
        }
    }

    /** OTLP JSON writes 64-bit times as decimal strings. */
    private static long nanos(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asString("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
