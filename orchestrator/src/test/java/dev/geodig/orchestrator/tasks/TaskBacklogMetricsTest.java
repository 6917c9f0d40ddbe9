package dev.geodig.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.DefaultRedis;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-location backlog gauges, read from a real Redis's {@code XINFO GROUPS dns:tasks}. */
class TaskBacklogMetricsTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build();
    private RedisConnections connections;
    private TaskBacklogMetrics metrics;

    @BeforeEach
    void start() {
        redis.flushAll();
        connections = DefaultRedis.connections(redis.url());
        metrics = new TaskBacklogMetrics(sdk, connections, List.of("us-east-1", "eu-west-1", "asia-south-1"));
    }

    @AfterEach
    void stop() {
        metrics.close();
        connections.close();
        sdk.close();
    }

    @Test
    void reportsEachConfiguredLocationsLagAndPendingEntries() {
        createGroup("us-east-1");
        createGroup("eu-west-1");
        createGroup("mars-north-1"); // a group of no configured location: not reported
        for (int i = 0; i < 5; i++) {
            redis.commands().xadd(Streams.TASKS, Map.of(Streams.PAYLOAD_FIELD, "{}"));
        }
        // us-east-1 has read three entries and acknowledged one of them: two pending, two not yet delivered.
        var read = redis.commands().xreadgroup(Consumer.from(Streams.workerGroup("us-east-1"), "w1"),
                XReadArgs.Builder.count(3), StreamOffset.lastConsumed(Streams.TASKS));
        redis.commands().xack(Streams.TASKS, Streams.workerGroup("us-east-1"), read.getFirst().getId());

        Collected collected = collect();

        assertThat(collected.lag()).isEqualTo(Map.of("us-east-1", 2L, "eu-west-1", 5L));
        assertThat(collected.pending()).isEqualTo(Map.of("us-east-1", 2L, "eu-west-1", 0L));
    }

    @Test
    void reportsNothingBeforeTheStreamExists() {
        assertThat(collect()).isEqualTo(new Collected(Map.of(), Map.of()));
    }

    @Test
    void reportsNothingWhileRedisIsUnreachable() {
        RedisConnections unreachable = DefaultRedis.connections("redis://127.0.0.1:1");
        try (TaskBacklogMetrics away = new TaskBacklogMetrics(sdk, unreachable, List.of("us-east-1"))) {
            metrics.close(); // only the unreachable one reports
            assertThat(collect()).isEqualTo(new Collected(Map.of(), Map.of()));
        } finally {
            unreachable.close();
        }
    }

    private static void createGroup(String location) {
        redis.commands().xgroupCreate(StreamOffset.from(Streams.TASKS, "0"), Streams.workerGroup(location),
                XGroupCreateArgs.Builder.mkstream());
    }

    private Collected collect() {
        Map<String, Long> lag = new TreeMap<>();
        Map<String, Long> pending = new TreeMap<>();
        for (MetricData data : reader.collectAllMetrics()) {
            Map<String, Long> into = switch (data.getName()) {
                case TaskBacklogMetrics.LAG -> lag;
                case TaskBacklogMetrics.PENDING -> pending;
                default -> null;
            };
            if (into == null) {
                continue;
            }
            for (LongPointData point : data.getLongGaugeData().getPoints()) {
                into.put(point.getAttributes().get(SpanAttributes.WORKER_LOCATION), point.getValue());
            }
        }
        return new Collected(lag, pending);
    }

    private record Collected(Map<String, Long> lag, Map<String, Long> pending) {
    }
}
