package dev.geodig.orchestrator.telemetry;

import dev.geodig.orchestrator.OrchestratorProperties;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {

    /**
     * At run time the Java agent installs the global instance (a no-op without the agent). {@code @Fallback}: a
     * test that registers its own, an SDK with an in-memory exporter, wins without any overriding.
     */
    @Bean
    @Fallback
    OpenTelemetry openTelemetry() {
        return GlobalOpenTelemetry.get();
    }

    @Bean
    LookupMetrics lookupMetrics(OpenTelemetry openTelemetry, OrchestratorProperties properties) {
        return new LookupMetrics(openTelemetry, properties.orchestrator().resultsMode());
    }
}
