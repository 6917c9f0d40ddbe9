package dev.geodig.orchestrator.redis;

import dev.geodig.orchestrator.OrchestratorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    RedisConnections redisConnections(OrchestratorProperties properties) {
        return new RedisConnections(properties.redis().url(), properties.redis().timeouts());
    }

    /** The bean name gives the health contributor its name, {@code redis}, used by the readiness group. */
    @Bean
    RedisHealthIndicator redisHealthIndicator(RedisConnections connections) {
        return new RedisHealthIndicator(connections);
    }
}
