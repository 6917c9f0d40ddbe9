package dev.geodig.worker;

import dev.geodig.contract.Streams;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisStreamCommands;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a copy of a task entry the worker cannot read in {@code dns:tasks:dead-letter}, with why, so a
 * person can look at it; the task itself is then acknowledged and the worker moves on.
 */
final class DeadLetters {

    static final String REASON = "reason";
    static final String SOURCE_ID = "source_id";
    static final String CONSUMER_GROUP = "consumer_group";

    // Nothing consumes this stream; the bound keeps a flood of bad messages from filling Redis.
    private static final long MAX_LEN = 10_000;

    private final RedisStreamCommands<String, String> redis;
    private final String group;

    DeadLetters(RedisStreamCommands<String, String> redis, String group) {
        this.redis = redis;
        this.group = group;
    }

    /** @return the dead-letter entry id */
    String add(String sourceId, Map<String, String> originalFields, String reason) {
        Map<String, String> fields = new LinkedHashMap<>(originalFields == null ? Map.of() : originalFields);
        fields.put(REASON, reason);
        fields.put(SOURCE_ID, sourceId);
        fields.put(CONSUMER_GROUP, group);
        return redis.xadd(Streams.DEAD_LETTERS, XAddArgs.Builder.maxlen(MAX_LEN).approximateTrimming(), fields);
    }
}
