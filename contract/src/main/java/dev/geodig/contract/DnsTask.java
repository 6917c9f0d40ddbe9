package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The task the orchestrator publishes once to {@link Streams#TASKS}; every location receives it.
 *
 * <p>{@code taskId} and {@code traceId} are both the trace id of the request: the trace id is the
 * only correlation id. {@code traceContext} carries the W3C context (traceparent, tracestate) across
 * the stream, where no agent can carry it.
 *
 * <p>{@code locations} is geodig's addition to the design's task (docs/architecture.md). A task without
 * it (the design's exact format, as another producer written against the design would send) is for
 * every location, which is what the design's fan-out means.
 *
 * <p>{@code deadline} is geodig's other addition: the instant after which the orchestrator no longer
 * waits for results, so after which a worker's work on the task is wasted (why an instant, not a budget:
 * docs/messages.md). A task without it (the design's format) never expires.
 */
public record DnsTask(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("domain") String domain,
        @JsonProperty("record_types") List<String> recordTypes,
        @JsonProperty("locations") List<String> locations,
        @JsonProperty("timestamp") Instant timestamp,
        // Left out rather than written as null: the design's format has no such field.
        @JsonProperty("deadline") @JsonInclude(JsonInclude.Include.NON_NULL) Instant deadline,
        @JsonProperty("trace_context") Map<String, String> traceContext) {

    public DnsTask {
        Objects.requireNonNull(traceId, "trace_id");
        Objects.requireNonNull(taskId, "task_id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(recordTypes, "record_types");
        recordTypes = List.copyOf(recordTypes);
        locations = locations == null ? List.of() : List.copyOf(locations);
        traceContext = Map.copyOf(traceContext == null ? Map.of() : traceContext);
    }

    /** Whether a worker of {@code location} has work to do for this task: no locations means all. */
    public boolean isFor(String location) {
        return locations.isEmpty() || locations.contains(location);
    }

    /** Whether {@code now} is at or past the deadline; a task without a deadline never expires. */
    public boolean expiredAt(Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }
}
