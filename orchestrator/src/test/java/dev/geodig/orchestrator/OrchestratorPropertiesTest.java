package dev.geodig.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.boot.RedisProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import dev.geodig.testkit.ApplicationSettings;
import java.util.HashMap;
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
        Map<String, Object> yml = ApplicationSettings.applicationYml();
        Map<String, String> documented = ApplicationSettings.documentedDefaults("orchestrator");

        assertThat(documented).containsKeys("geodig.locations", "geodig.redis.url", "geodig.redis.command-timeout",
                "geodig.orchestrator.result-deadline", "geodig.orchestrator.results-mode");
        documented.forEach((setting, value) -> assertThat(started(yml, Map.of(setting, value)))
                .as("%s documented as %s", setting, value)
                .isEqualTo(started(yml, Map.of())));
    }

    @Test
    void applicationYmlRepeatsNoDefault() {
        Map<String, Object> yml = ApplicationSettings.applicationYml();

        yml.keySet().stream().filter(setting -> setting.startsWith("geodig.")).forEach(setting -> {
            Map<String, Object> without = new HashMap<>(yml);
            without.remove(setting);
            assertThat(started(yml, Map.of())).as("%s in application.yml repeats its default", setting)
                    .isNotEqualTo(started(without, Map.of()));
        });
    }
}
