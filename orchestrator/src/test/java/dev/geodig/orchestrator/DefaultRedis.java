package dev.geodig.orchestrator;

import dev.geodig.boot.RedisProperties;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.testkit.ApplicationSettings;
import java.util.Map;

/** The orchestrator's Redis connections as it opens them with the default {@code geodig.redis.*} settings, for tests without Spring. */
public final class DefaultRedis {

    private DefaultRedis() {
    }

    /** Connections to {@code url}, with the timeouts as {@link RedisProperties} defaults them. */
    public static RedisConnections connections(String url) {
        RedisProperties redis = ApplicationSettings.bind(RedisProperties.class, Map.of(), Map.of("geodig.redis.url", url));
        return new RedisConnections(redis.url(), redis.timeouts());
    }
}
