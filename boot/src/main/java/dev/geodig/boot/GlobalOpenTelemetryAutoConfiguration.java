package dev.geodig.boot;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link OpenTelemetry} every service's own spans and metrics go to: the global instance, which the Java
 * agent installs at run time (a no-op without the agent).
 *
 * <p>Only when the application has none of its own: a test or the benchmark registers its own instance (an SDK
 * with an in-memory exporter, a no-op) before the configuration is read, and this one stays out.
 */
@AutoConfiguration
public class GlobalOpenTelemetryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenTelemetry openTelemetry() {
        return GlobalOpenTelemetry.get();
    }
}
