package dev.geodig.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.DefaultRedis;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.testkit.RedisExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskPublisherTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @BeforeEach
    void emptyStreams() {
        redis.flushAll();
    }

    @Test
    void publishesOneEntryAndReturnsItsId() {
        try (RedisConnections connections = DefaultRedis.connections(redis.url())) {
            DnsTask task = task(0);
            String id = new TaskPublisher(connections, 100).publish(task);

            assertThat(redis.commands().xlen(Streams.TASKS)).isEqualTo(1);
            var entry = redis.commands().xrange(Streams.TASKS, io.lettuce.core.Range.unbounded()).getFirst();
            assertThat(entry.getId()).isEqualTo(id);
            assertThat(MessageCodec.decodeTask(entry.getBody())).isEqualTo(task);
        }
    }

    @Test
    void keepsTheStreamNearItsBound() {
        long maxLen = 10;
        int published = 1000;
        try (RedisConnections connections = DefaultRedis.connections(redis.url())) {
            TaskPublisher publisher = new TaskPublisher(connections, maxLen);
            for (int i = 0; i < published; i++) {
                publisher.publish(task(i));
            }

            // MAXLEN ~ trims whole radix-tree nodes only, so up to one node's worth of entries
            // (stream-node-max-entries, 100 by default) may remain above the bound. Exact trimming
            // would be tighter but costs more on every XADD; the bound is for memory, not a quota.
            long nodeSize = Long.parseLong(redis.commands().configGet("stream-node-max-entries").get("stream-node-max-entries"));
            long length = redis.commands().xlen(Streams.TASKS);
            assertThat(length).isBetween(maxLen, maxLen + nodeSize).isLessThan(published);
        }
    }

    private static DnsTask task(int n) {
        String trace = "%032x".formatted(n + 1);
        return new DnsTask(trace, trace, "www.geodig.test", List.of("A"), List.of("us-east-1"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:05Z"), Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));
    }
}
