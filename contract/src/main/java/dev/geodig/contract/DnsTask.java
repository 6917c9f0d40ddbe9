package dev.geodig.contract;

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
 */
public record DnsTask(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("domain") String domain,
        @JsonProperty("record_types") List<String> recordTypes,
        @JsonProperty("locations") List<String> locations,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("trace_context") Map<String, String> traceContext) {

    public DnsTask {
        Objects.requireNonNull(traceId, "trace_id");
        Objects.requireNonNull(taskId, "task_id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(recordTypes, "record_types");
        Objects.requireNonNull(locations, "locations");
        recordTypes = List.copyOf(recordTypes);
        locations = List.copyOf(locations);
        traceContext = Map.copyOf(traceContext == null ? Map.of() : traceContext);
    }

    /** Whether a worker of {@code location} has work to do for this task. */
    public boolean isFor(String location) {
        return locations.contains(location);
    }
}
