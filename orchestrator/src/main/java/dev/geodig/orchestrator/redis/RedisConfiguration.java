package dev.geodig.orchestrator.redis;

import dev.geodig.boot.RedisProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    /**
     * Refuses to start with a command timeout that is not shorter than the result deadline: a Redis that does
     * not answer must be reported (503) before the lookup's deadline, not after it.
     */
    @Bean
    RedisConnections redisConnections(RedisProperties redis, ResultDeadlineProperties deadline) {
        if (redis.commandTimeout().compareTo(deadline.resultDeadline()) >= 0) {
            throw new IllegalArgumentException("geodig.redis.command-timeout (" + redis.commandTimeout().toMillis()
                    + " ms) must be shorter than geodig.orchestrator.result-deadline (" + deadline.resultDeadline().toMillis()
                    + " ms): a Redis that does not answer must be reported (503) before the lookup's deadline, not after it");
        }
        return new RedisConnections(redis.url(), redis.timeouts());
    }

    /** The bean name gives the health contributor its name, {@code redis}, used by the readiness group. */
    @Bean
    RedisHealthIndicator redisHealthIndicator(RedisConnections connections) {
        return new RedisHealthIndicator(connections);
    }
}
