package dev.geodig.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.boot.RedisProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import dev.geodig.testkit.ApplicationSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator's settings as it starts with them: its real application.yml and the defaults of its settings records. */
class OrchestratorPropertiesTest {

    /** Every settings record the orchestrator binds: its own, and those it shares with other services. */
    private static final List<Class<?>> RECORDS = List.of(OrchestratorProperties.class, LocationsProperties.class,
            RedisProperties.class, ResultDeadlineProperties.class);

    private static List<Object> started(Map<String, Object> yml, Map<String, String> settings) {
        return ApplicationSettings.bindAll(RECORDS, yml, settings);
    }

    @Test
    void theDocumentedDefaultsAreTheOnesTheOrchestratorStartsWith() {
        Map<String, String> documented = ApplicationSettings.documentedDefaults("orchestrator");

        assertThat(documented).containsKeys("geodig.locations", "geodig.redis.url", "geodig.redis.command-timeout",
                "geodig.orchestrator.result-deadline", "geodig.orchestrator.results-mode");
        assertThat(ApplicationSettings.documentedDefaultsThatDiffer("orchestrator", OrchestratorPropertiesTest::started))
                .as("defaults in docs/configuration.md that the orchestrator does not start with").isEmpty();
    }

    @Test
    void applicationYmlRepeatsNoDefault() {
        assertThat(ApplicationSettings.ymlSettingsRepeatingTheirDefault(OrchestratorPropertiesTest::started)).as("settings in application.yml that repeat their default").isEmpty();
    }
}
