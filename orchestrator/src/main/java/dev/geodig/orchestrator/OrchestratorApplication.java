package dev.geodig.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * {@code dns-orchestrator}: publishes one task per lookup to {@code dns:tasks} and gathers the
 * workers' results from {@code dns:results} by trace id.
 *
 * <p>Tests and the {@code it} module start it with
 * {@code new SpringApplicationBuilder(OrchestratorApplication.class).properties(...)}; to observe its
 * spans, register an {@code OpenTelemetry} bean (for instance through an initializer): the built-in
 * one is only a fallback to {@code GlobalOpenTelemetry}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrchestratorApplication.class, args);
    }
}
