package dev.geodig.orchestrator.results;

import dev.geodig.orchestrator.OrchestratorProperties;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ResultsConfiguration {

    /**
     * The collector of the configured mode. Spring closes it on shutdown after the web server has
     * finished its in-flight requests, and before the Redis connections it depends on.
     */
    @Bean
    ResultCollector resultCollector(OrchestratorProperties properties, RedisConnections connections, LookupMetrics metrics) {
        return switch (properties.resultsMode()) {
            case SHARED_READER -> new SharedResultReader(connections, metrics).start();
            case GROUP_PER_REQUEST -> new PerRequestGroupCollector(connections, metrics);
        };
    }
}
