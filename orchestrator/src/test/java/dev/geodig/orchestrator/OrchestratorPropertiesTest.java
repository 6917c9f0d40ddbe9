package dev.geodig.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator's settings as it starts with them: its real application.yml and the defaults of OrchestratorProperties. */
class OrchestratorPropertiesTest {

    private static OrchestratorProperties started(Map<String, Object> yml, Map<String, String> settings) {
        return ApplicationSettings.bind(OrchestratorProperties.class, yml, settings);
    }

    @Test
    void theDocumentedDefaultsAreTheOnesTheOrchestratorStartsWith() {
        Map<String, Object> yml = ApplicationSettings.applicationYml();
        Map<String, String> documented = ApplicationSettings.documentedDefaults("All services", "dns-orchestrator");

        assertThat(documented).isNotEmpty();
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
