package dev.geodig.orchestrator.tasks;

import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.telemetry.UntracedPolling;
import io.lettuce.core.RedisException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per location, how far its consumer group {@code workers-<location>} is behind on {@code dns:tasks}: two
 * observable gauges, {@value #LAG} (entries not yet delivered to the group) and {@value #PENDING} (delivered
 * but not acknowledged), with the attribute {@code worker.location}. A location whose workers are gone shows
 * as a lag that grows with every lookup.
 *
 * <p>Both are read with one {@code XINFO GROUPS dns:tasks} when the metrics are collected (the agent: every
 * 10 s), never per lookup. The read runs on the metric reader's thread, where no span is current: without
 * {@link UntracedPolling} the agent's Redis instrumentation would make it a trace of its own every time
 * (ADR 0002). A failed read (Redis away, no stream yet) reports nothing for that round rather than a stale
 * or made-up value.
 */
public final class TaskBacklogMetrics implements AutoCloseable {

    public static final String LAG = "geodig.orchestrator.tasks.lag";
    public static final String PENDING = "geodig.orchestrator.tasks.pending";

    private static final Logger log = LoggerFactory.getLogger(TaskBacklogMetrics.class);

    private final RedisConnections connections;
    /** Per group name, the attributes of its location's points; groups of other locations are not reported. */
    private final Map<String, Attributes> locationOfGroup = new LinkedHashMap<>();
    private final ObservableLongMeasurement lag;
    private final ObservableLongMeasurement pending;
    private final BatchCallback callback;

    public TaskBacklogMetrics(OpenTelemetry openTelemetry, RedisConnections connections, List<String> locations) {
        this.connections = connections;
        locations.forEach(location -> locationOfGroup.put(Streams.workerGroup(location), Attributes.of(WORKER_LOCATION, location)));
        Meter meter = openTelemetry.getMeter(LookupMetrics.METER_NAME);
        this.lag = meter.gaugeBuilder(LAG).ofLongs()
                .setDescription("Entries of dns:tasks not yet delivered to the location's consumer group")
                .setUnit("{entry}")
                .buildObserver();
        this.pending = meter.gaugeBuilder(PENDING).ofLongs()
                .setDescription("Entries of dns:tasks delivered to the location's consumer group and not yet acknowledged")
                .setUnit("{entry}")
                .buildObserver();
        this.callback = meter.batchCallback(this::observe, lag, pending);
    }

    private void observe() {
        List<Object> groups;
        try {
            groups = UntracedPolling.call(() -> connections.shared().sync().xinfoGroups(Streams.TASKS));
        } catch (RedisException e) {
            // Redis away, or no dns:tasks yet (before the first lookup or worker): nothing to report this round.
            log.debug("no backlog of {} this round: {}", Streams.TASKS, e.toString());
            return;
        }
        for (Object group : groups) {
            Map<String, Object> fields = fields(group);
            Attributes location = locationOfGroup.get(String.valueOf(fields.get("name")));
            if (location == null) {
                continue;
            }
            // Redis answers a nil lag when it cannot tell (entries deleted inside the group's range): no point then.
            if (fields.get("lag") instanceof Long entries) {
                lag.record(entries, location);
            }
            if (fields.get("pending") instanceof Long entries) {
                pending.record(entries, location);
            }
        }
    }

    /** One group of XINFO GROUPS: a flat list of field names and values (RESP2), or a map (RESP3). */
    private static Map<String, Object> fields(Object group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (group instanceof Map<?, ?> map) {
            map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        } else if (group instanceof List<?> list) {
            for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                String key = String.valueOf(it.next());
                fields.put(key, it.hasNext() ? it.next() : null);
            }
        }
        return fields;
    }

    @Override
    public void close() {
        callback.close();
    }
}
