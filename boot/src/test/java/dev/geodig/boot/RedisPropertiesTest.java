package dev.geodig.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.streams.RedisTimeouts;
import dev.geodig.testkit.ApplicationSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code geodig.redis.*} as every service binds it. */
class RedisPropertiesTest {

    private static RedisProperties bound(Map<String, String> settings) {
        return ApplicationSettings.bind(RedisProperties.class, Map.of(), settings);
    }

    @Test
    void theTimeoutsAreTheSettingsAsLettuceTakesThem() {
        RedisProperties redis = bound(Map.of("geodig.redis.command-timeout", "300ms", "geodig.redis.connect-timeout", "2s",
                "geodig.redis.reconnect-delay-max", "5s"));

        assertThat(redis.timeouts()).isEqualTo(new RedisTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @Test
    void anEmptyUrlIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> bound(Map.of("geodig.redis.url", " "))).rootCause()
                .hasMessageContaining("geodig.redis.url must not be empty");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> bound(Map.of("geodig.redis.command-timeout", "0s"))).rootCause()
                .hasMessageContaining("geodig.redis.command-timeout must be positive");
        assertThatThrownBy(() -> bound(Map.of("geodig.redis.reconnect-delay-max", "-1s"))).rootCause()
                .hasMessageContaining("geodig.redis.reconnect-delay-max must be positive");
    }
}
