package dev.geodig.orchestrator.tasks;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.redis.RedisConnections;
import io.lettuce.core.XAddArgs;

/**
 * Publishes a lookup's task: ONE entry in {@code dns:tasks}, which every location's group receives
 * (fan-out by consumer groups, not one message per location). The stream is trimmed on every add
 * ({@code MAXLEN ~}): approximate trimming drops whole internal nodes only, which is far cheaper than
 * exact trimming and keeps the stream near its bound.
 */
public final class TaskPublisher {

    private final RedisConnections connections;
    private final XAddArgs bounded;

    public TaskPublisher(RedisConnections connections, long maxLen) {
        this.connections = connections;
        this.bounded = XAddArgs.Builder.maxlen(maxLen).approximateTrimming();
    }

    /** @return the stream entry id Redis assigned */
    public String publish(DnsTask task) {
        return connections.shared().sync().xadd(Streams.TASKS, bounded, MessageCodec.encode(task));
    }
}
