package dev.geodig.orchestrator.tasks;

import dev.geodig.orchestrator.OrchestratorProperties;
import dev.geodig.orchestrator.redis.RedisConnections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    @Bean
    TaskPublisher taskPublisher(RedisConnections connections, OrchestratorProperties properties) {
        return new TaskPublisher(connections, properties.tasksMaxLen());
    }
}
