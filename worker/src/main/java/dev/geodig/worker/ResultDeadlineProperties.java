package dev.geodig.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The orchestrators' result deadline, {@code geodig.orchestrator.result-deadline}: read under the
 * orchestrator's own name, so that one setting (say {@code GEODIG_ORCHESTRATOR_RESULT_DEADLINE}) in a
 * deployment's shared environment configures both sides. The worker only checks its own timing against it
 * when it starts ({@link DeadlineBudget}); the deadline it enforces is the one each task carries.
 *
 * @param resultDeadline how long an orchestrator waits for results; the orchestrator's default when unset
 */
@ConfigurationProperties("geodig.orchestrator")
public record ResultDeadlineProperties(Duration resultDeadline) {

    public ResultDeadlineProperties {
        resultDeadline = resultDeadline == null ? Duration.ofSeconds(5) : resultDeadline;
        if (resultDeadline.isNegative() || resultDeadline.isZero()) {
            throw new IllegalArgumentException("geodig.orchestrator.result-deadline must be positive, was " + resultDeadline);
        }
    }
}
