package dev.geodig.orchestrator;

import dev.geodig.orchestrator.results.ResultsMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The orchestrator's own settings, {@code geodig.orchestrator.*}. The defaults are the {@code @DefaultValue}s
 * here, and only here: {@code application.yml} repeats none of them, and the orchestrator starts with them even
 * where no {@code application.yml} of its own is read (the {@code it} module, whose classpath holds two services'
 * files). The settings it shares with other services, {@code geodig.redis.*}, {@code geodig.locations} and
 * {@code geodig.orchestrator.result-deadline}, are the {@code boot} module's records.
 *
 * @param resultsMode how results are gathered from {@code dns:results}: one reader per instance ({@code shared-reader})
 *     or the design's group per request ({@code group-per-request})
 * @param tasksMaxLen the approximate bound of {@code dns:tasks} ({@code XADD MAXLEN ~})
 */
@ConfigurationProperties("geodig.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("shared-reader") ResultsMode resultsMode,
        @DefaultValue("10000") long tasksMaxLen) {

    public OrchestratorProperties {
        if (tasksMaxLen < 1) {
            throw new IllegalArgumentException("geodig.orchestrator.tasks-max-len must be at least 1");
        }
    }
}
