package dev.geodig.gateway.health;

import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.LoopbackRequestFactory;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Readiness of the orchestrator ({@code orchestrator} in the readiness group): its own readiness
 * endpoint answers 2xx within a short timeout. The orchestrator is ready only with Redis, so a
 * ready orchestrator also means lookups can be published.
 */
@Component
class OrchestratorHealthIndicator implements HealthIndicator {

    static final String READINESS_PATH = "/actuator/health/readiness";

    private final RestClient orchestrator;
    private final URI readiness;

    OrchestratorHealthIndicator(RestClient.Builder builder, GatewayProperties properties) {
        Duration timeout = properties.readinessTimeout();
        this.readiness = properties.orchestratorUrl().resolve(READINESS_PATH);
        this.orchestrator = builder.clone().requestFactory(LoopbackRequestFactory.of(timeout, timeout)).build();
    }

    @Override
    public Health health() {
        try {
            orchestrator.get().uri(readiness).retrieve().toBodilessEntity();
            return Health.up().withDetail("orchestrator", readiness.toString()).build();
        } catch (RestClientResponseException e) {
            return Health.down().withDetail("orchestrator", readiness.toString())
                    .withDetail("error", "answered " + e.getStatusCode().value()).build();
        } catch (RestClientException e) {
            return Health.down().withDetail("orchestrator", readiness.toString())
                    .withDetail("error", describe(NestedExceptionUtils.getMostSpecificCause(e))).build();
        }
    }

    /** The cause that says what happened ("ConnectException"), not Spring's wrapper around it. */
    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
