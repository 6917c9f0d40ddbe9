package dev.geodig.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The orchestrators' result deadline, {@code geodig.orchestrator.result-deadline}: read under the
 * orchestrator's own name, so that one setting (say {@code GEODIG_ORCHESTRATOR_RESULT_DEADLINE}) in a
 * deployment's shared environment configures both sides. The worker only checks its own timing against it
 * when it starts ({@link DeadlineBudget}); the deadline it enforces is the one each task carries.
 *
 * @param resultDeadline how long an orchestrator waits for results; unset, the orchestrator's own default
 */
@ConfigurationProperties("geodig.orchestrator")
public record ResultDeadlineProperties(@DefaultValue("5s") Duration resultDeadline) {

    public ResultDeadlineProperties {
        if (resultDeadline.isNegative() || resultDeadline.isZero()) {
            throw new IllegalArgumentException("geodig.orchestrator.result-deadline must be positive, was " + resultDeadline);
        }
    }
}
