package dev.geodig.orchestrator;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.boot.RedisProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * {@code dns-orchestrator}: publishes one task per lookup to {@code dns:tasks} and gathers the
 * workers' results from {@code dns:results} by trace id.
 *
 * <p>Tests and the {@code it} module start it with
 * {@code new SpringApplicationBuilder(OrchestratorApplication.class).properties(...)}; to observe its
 * spans, register an {@code OpenTelemetry} bean (for instance through an initializer): the {@code boot}
 * module's, {@code GlobalOpenTelemetry}, is only there when the application has none.
 *
 * <p>Its settings: {@link OrchestratorProperties}, and those it shares with other services ({@code boot}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({LocationsProperties.class, RedisProperties.class, ResultDeadlineProperties.class})
public class OrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrchestratorApplication.class, args);
    }
}
