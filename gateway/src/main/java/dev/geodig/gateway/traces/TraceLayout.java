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

    private static final Comparator<OtlpSpan> START_ORDER =
            Comparator.comparingLong(OtlpSpan::startNanos).thenComparing(OtlpSpan::name).thenComparing(OtlpSpan::spanId);

    private TraceLayout() {
    }

    static TraceView of(TraceId traceId, List<JsonNode> resourceSpans, String jaegerUiUrl) {
        List<OtlpSpan> spans = spansOf(resourceSpans);
        long traceStart = spans.stream().mapToLong(OtlpSpan::startNanos).min().orElse(0);
        long traceEnd = spans.stream().mapToLong(OtlpSpan::endNanos).max().orElse(traceStart);

        List<SpanRow> rows = new ArrayList<>(spans.size());
        Set<String> services = new LinkedHashSet<>();
        for (Placed placed : depthFirst(spans)) {
            OtlpSpan span = placed.span();
            services.add(span.service());
            rows.add(new SpanRow(span.spanId(), span.parentSpanId(), span.name(), span.service(), span.kind(),
                    placed.depth(), micros(span.startNanos() - traceStart), micros(span.endNanos() - span.startNanos()),
                    span.status(), span.statusMessage(), span.attributes(), events(span, traceStart)));
        }
        String startTime = Instant.EPOCH.plusNanos(traceStart).truncatedTo(ChronoUnit.MICROS).toString();
        return new TraceView(traceId.hex(), startTime, micros(traceEnd - traceStart), List.copyOf(services),
                rows.size(), rows, jaegerUiUrl);
    }

    private record Placed(OtlpSpan span, int depth) {
    }

    /** Roots (no parent, or a parent not in the trace) in start order, each followed by its subtree. */
    private static List<Placed> depthFirst(List<OtlpSpan> spans) {
        Map<String, OtlpSpan> byId = new HashMap<>();
        spans.forEach(span -> byId.putIfAbsent(span.spanId(), span));
        Map<String, List<OtlpSpan>> children = new HashMap<>();
        List<OtlpSpan> roots = new ArrayList<>();
        for (OtlpSpan span : byId.values()) {
            if (span.parentSpanId() != null && byId.containsKey(span.parentSpanId()) && !span.parentSpanId().equals(span.spanId())) {
                children.computeIfAbsent(span.parentSpanId(), id -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        roots.sort(START_ORDER);
        children.values().forEach(list -> list.sort(START_ORDER));

        // Spans on a parent cycle (broken data) are reached from no root: they follow as roots of their own.
        List<OtlpSpan> unreached = new ArrayList<>(byId.values());
        unreached.sort(START_ORDER);
        roots.addAll(unreached);
        return walk(roots, children);
    }

    /** Each root not placed yet, followed by its subtree in child order; every span is placed once. */
    private static List<Placed> walk(List<OtlpSpan> roots, Map<String, List<OtlpSpan>> children) {
        List<Placed> placed = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<Placed> stack = new ArrayDeque<>();
        for (OtlpSpan root : roots) {
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
                List<OtlpSpan> kids = children.getOrDefault(next.span().spanId(), List.of());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(new Placed(kids.get(i), next.depth() + 1));
                }
            }
        }
        return placed;
    }

    private static List<Event> events(OtlpSpan span, long traceStart) {
        List<Event> events = new ArrayList<>();
        for (JsonNode event : span.events()) {
            events.add(new Event(event.path("name").asString(""),
                    micros(OtlpJson.nanos(event.path("timeUnixNano")) - traceStart), OtlpJson.attributes(event.path("attributes"))));
        }
        return events;
    }

    private static List<OtlpSpan> spansOf(List<JsonNode> resourceSpans) {
        List<OtlpSpan> spans = new ArrayList<>();
        for (JsonNode resource : resourceSpans) {
            spans.addAll(OtlpSpan.ofResource(resource));
        }
        return spans;
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
