package dev.geodig.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One trace as Jaeger's query API returns it ({@code data[i]} of {@code /api/traces}): spans with
 * their CHILD_OF parent, tags and process; processes with their service name and resource tags.
 */
final class JaegerTrace {

    /**
     * A span. {@code parentSpanId} is the span of its CHILD_OF reference or, failing that, of its first
     * FOLLOWS_FROM reference within the same trace ({@code parentRefType} says which); {@code null} at a
     * root. The tests require CHILD_OF: Jaeger types the reference of a parent that is also linked by
     * the link's {@code opentracing.ref_type}, which the worker sets to {@code child_of}.
     */
    record Span(String traceId, String spanId, String operationName, String parentSpanId, String parentRefType,
            long startMicros, long durationMicros, Map<String, String> tags, String processId, List<Map<String, String>> events) {

        long endMicros() {
            return startMicros + durationMicros;
        }

        String kind() {
            return tags.getOrDefault("span.kind", "internal");
        }

        String tag(String key) {
            return tags.get(key);
        }

        /** Whether the span's status is ERROR (Jaeger shows it as the tag {@code error=true}). */
        boolean failed() {
            return "true".equals(tags.get("error"));
        }

        /** Its events (Jaeger's logs) named {@code name}: each as its fields, the name under {@code event}. */
        List<Map<String, String>> events(String name) {
            return events.stream().filter(event -> name.equals(event.get("event"))).toList();
        }

        @Override
        public String toString() {
            return operationName + "(" + spanId + ", parent " + parentSpanId + ", " + kind() + ")";
        }
    }

    record Process(String serviceName, Map<String, String> tags) {
    }

    private final String traceId;
    private final List<Span> spans;
    private final Map<String, Process> processes;

    private JaegerTrace(String traceId, List<Span> spans, Map<String, Process> processes) {
        this.traceId = traceId;
        this.spans = spans;
        this.processes = processes;
    }

    static JaegerTrace parse(JsonNode trace) {
        List<Span> spans = new ArrayList<>();
        for (JsonNode span : trace.path("spans")) {
            String traceId = span.path("traceID").asString();
            String parent = null;
            String parentType = null;
            for (String type : List.of("CHILD_OF", "FOLLOWS_FROM")) {
                for (JsonNode reference : span.path("references")) {
                    if (parent == null && type.equals(reference.path("refType").asString(""))
                            && traceId.equals(reference.path("traceID").asString(traceId))) {
                        parent = reference.path("spanID").asString();
                        parentType = type;
                    }
                }
            }
            spans.add(new Span(traceId, span.path("spanID").asString(),
                    span.path("operationName").asString(), parent, parentType, span.path("startTime").asLong(),
                    span.path("duration").asLong(), tags(span.path("tags")), span.path("processID").asString(),
                    span.path("logs").valueStream().map(log -> tags(log.path("fields"))).toList()));
        }
        Map<String, Process> processes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> process : trace.path("processes").properties()) {
            processes.put(process.getKey(), new Process(process.getValue().path("serviceName").asString(),
                    tags(process.getValue().path("tags"))));
        }
        return new JaegerTrace(trace.path("traceID").asString(), List.copyOf(spans), Map.copyOf(processes));
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            JsonNode value = tag.path("value");
            values.put(tag.path("key").asString(), value.isValueNode() ? value.asString() : value.toString());
        }
        return values;
    }

    String traceId() {
        return traceId;
    }

    List<Span> spans() {
        return spans;
    }

    Set<String> services() {
        return spans.stream().map(this::service).collect(Collectors.toCollection(TreeSet::new));
    }

    String service(Span span) {
        Process process = processes.get(span.processId());
        return process == null ? null : process.serviceName();
    }

    Map<String, String> processTags(Span span) {
        Process process = processes.get(span.processId());
        return process == null ? Map.of() : process.tags();
    }

    List<Span> named(String operationName) {
        return spans.stream().filter(s -> s.operationName().equals(operationName)).toList();
    }

    List<Span> ofService(String service) {
        return spans.stream().filter(s -> service.equals(service(s))).toList();
    }

    List<Span> roots() {
        return spans.stream().filter(s -> s.parentSpanId() == null).toList();
    }

    List<Span> children(Span parent) {
        return spans.stream().filter(s -> parent.spanId().equals(s.parentSpanId()))
                .sorted(Comparator.comparingLong(Span::startMicros)).toList();
    }

    List<Span> children(Span parent, String operationName) {
        return children(parent).stream().filter(s -> s.operationName().equals(operationName)).toList();
    }

    Span parent(Span child) {
        return spans.stream().filter(s -> s.spanId().equals(child.parentSpanId())).findFirst().orElse(null);
    }

    /** Whether {@code ancestor} is on the parent chain of {@code span} (bounded by the span count). */
    boolean isDescendant(Span span, Span ancestor) {
        Span current = span;
        for (int hops = 0; hops < spans.size() && current != null; hops++) {
            current = parent(current);
            if (current != null && current.spanId().equals(ancestor.spanId())) {
                return true;
            }
        }
        return false;
    }

    /** A compact tree for failure messages. */
    String render() {
        StringBuilder out = new StringBuilder("trace ").append(traceId).append(" (").append(spans.size()).append(" spans)\n");
        Set<String> known = spans.stream().map(Span::spanId).collect(Collectors.toSet());
        for (Span root : spans.stream().filter(s -> s.parentSpanId() == null || !known.contains(s.parentSpanId()))
                .sorted(Comparator.comparingLong(Span::startMicros)).toList()) {
            render(root, 0, out);
        }
        return out.toString();
    }

    private void render(Span span, int depth, StringBuilder out) {
        if (depth > 32) {
            return;
        }
        out.append("  ".repeat(depth)).append(service(span)).append(": ").append(span).append('\n');
        for (Span child : children(span)) {
            render(child, depth + 1, out);
        }
    }
}
