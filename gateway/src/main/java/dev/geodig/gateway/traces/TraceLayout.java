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
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *
 * <p>What a span says in words (its status message, its attributes, its events) is passed on bounded and made
 * printable ({@link PrintableText#shown}): any service, or anyone who can send spans to the collector, writes it,
 * and the page and the terminal show it. A row lists at most {@link SpanRow#MAX_EVENTS} events and says how many
 * more there were; a value is cut at {@value #MAX_VALUE_LENGTH} characters, which keeps the top of a stack trace.
 */
final class TraceLayout {

    /** A string value of an attribute, or a status message: room for an exception's message and its stack's top. */
    static final int MAX_VALUE_LENGTH = 4_096;
    /** An attribute's key or an event's name: OpenTelemetry's are dotted names of a few dozen characters. */
    static final int MAX_NAME_LENGTH = 256;

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
                    span.status(), span.statusMessage() == null ? null : PrintableText.shown(span.statusMessage(), MAX_VALUE_LENGTH, true),
                    shownAttributes(span.attributes()), events(span, traceStart),
                    span.droppedEvents() + Math.max(0, span.events().size() - SpanRow.MAX_EVENTS)));
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

    /** The span's first {@link SpanRow#MAX_EVENTS} events in time order (OTLP has them in the order they were added). */
    private static List<Event> events(OtlpSpan span, long traceStart) {
        List<Event> events = new ArrayList<>();
        for (JsonNode event : span.events()) {
            events.add(new Event(PrintableText.shown(event.path("name").asString(""), MAX_NAME_LENGTH, false),
                    micros(OtlpJson.nanos(event.path("timeUnixNano")) - traceStart),
                    shownAttributes(OtlpJson.attributes(event.path("attributes")))));
        }
        events.sort(Comparator.comparingLong(Event::offsetUs));
        return events.size() > SpanRow.MAX_EVENTS ? List.copyOf(events.subList(0, SpanRow.MAX_EVENTS)) : events;
    }

    /** Attributes with printable keys and every string in their values printable and bounded, in their order. */
    private static Map<String, Object> shownAttributes(Map<String, Object> attributes) {
        Map<String, Object> shown = new LinkedHashMap<>();
        attributes.forEach((key, value) -> shown.putIfAbsent(PrintableText.shown(key, MAX_NAME_LENGTH, false), shownValue(value)));
        return Collections.unmodifiableMap(shown);
    }

    /** Strings made printable and bounded, also within arrays and maps; numbers and booleans as they are. */
    private static Object shownValue(Object value) {
        return switch (value) {
            case String text -> PrintableText.shown(text, MAX_VALUE_LENGTH, true);
            case List<?> values -> values.stream().map(TraceLayout::shownValue).toList();
            case Map<?, ?> map -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                map.forEach((key, inner) -> shown.putIfAbsent(PrintableText.shown(String.valueOf(key), MAX_NAME_LENGTH, false),
                        shownValue(inner)));
                yield Collections.unmodifiableMap(shown);
            }
            case null, default -> value;
        };
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
