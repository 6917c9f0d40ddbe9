package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.boot.RedisProperties;
import dev.geodig.gateway.faults.GatewayFaultsProperties;
import dev.geodig.testkit.ApplicationSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's settings as it starts with them: its real application.yml and the defaults of its settings records. */
class GatewayPropertiesTest {

    /** Every settings record the gateway binds: its own, and those it shares with other services. */
    private static final List<Class<?>> RECORDS = List.of(GatewayProperties.class, GatewayFaultsProperties.class, LocationsProperties.class,
            RedisProperties.class);

    private static List<Object> started(Map<String, Object> yml, Map<String, String> settings) {
        return ApplicationSettings.bindAll(RECORDS, yml, settings);
    }

    @Test
    void theDocumentedDefaultsAreTheOnesTheGatewayStartsWith() {
        Map<String, String> documented = ApplicationSettings.documentedDefaults("gateway");

        assertThat(documented).containsKeys("geodig.locations", "geodig.redis.url", "geodig.gateway.orchestrator-url",
                "geodig.gateway.faults.control-enabled");
        assertThat(ApplicationSettings.documentedDefaultsThatDiffer("gateway", GatewayPropertiesTest::started))
                .as("defaults in docs/configuration.md that the gateway does not start with").isEmpty();
    }

    @Test
    void applicationYmlRepeatsNoDefault() {
        assertThat(ApplicationSettings.ymlSettingsRepeatingTheirDefault(GatewayPropertiesTest::started)).as("settings in application.yml that repeat their default").isEmpty();
    }

    @Test
    void aRateLimitThatLetsNothingThroughIsRefused() {
        assertThatThrownBy(() -> started(ApplicationSettings.applicationYml(), Map.of("geodig.gateway.rate-limit.capacity", "0")))
                .rootCause().hasMessageContaining("geodig.gateway.rate-limit needs capacity");
    }
}
