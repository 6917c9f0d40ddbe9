package dev.geodig.orchestrator.telemetry;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.orchestrator.OrchestratorProperties;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orchestrator's metrics, on the {@link OpenTelemetry} of the {@code boot} module's auto-configuration. */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {

    @Bean
    LookupMetrics lookupMetrics(OpenTelemetry openTelemetry, OrchestratorProperties properties, LocationsProperties locations) {
        return new LookupMetrics(openTelemetry, properties.resultsMode(), locations.locations());
    }
}
