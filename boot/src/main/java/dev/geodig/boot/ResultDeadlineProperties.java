package dev.geodig.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an orchestrator waits for a lookup's results, {@code geodig.orchestrator.result-deadline}. The
 * orchestrator's setting, which the workers read under the orchestrator's name, so that one value (say
 * {@code GEODIG_ORCHESTRATOR_RESULT_DEADLINE} in a deployment's shared environment) configures both: the
 * orchestrator gives each task the instant it ends as its {@code deadline}; a worker checks its own timing
 * against it when it starts, and enforces each task's own deadline.
 *
 * @param resultDeadline how long a lookup waits for the workers, counted from the request's start
 */
@ConfigurationProperties("geodig.orchestrator")
public record ResultDeadlineProperties(@DefaultValue("5s") Duration resultDeadline) {

    public ResultDeadlineProperties {
        if (resultDeadline.isNegative() || resultDeadline.isZero()) {
            throw new IllegalArgumentException("geodig.orchestrator.result-deadline must be positive, was " + resultDeadline);
        }
    }
}
