package dev.geodig.orchestrator.tasks;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.orchestrator.OrchestratorProperties;
import dev.geodig.orchestrator.redis.RedisConnections;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    @Bean
    TaskPublisher taskPublisher(RedisConnections connections, OrchestratorProperties properties) {
        return new TaskPublisher(connections, properties.tasksMaxLen());
    }

    @Bean
    TaskBacklogMetrics taskBacklogMetrics(OpenTelemetry openTelemetry, RedisConnections connections,
            LocationsProperties locations) {
        return new TaskBacklogMetrics(openTelemetry, connections, locations.locations());
    }
}
