package dev.geodig.boot.faults;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service reads its injected faults ({@code geodig.faults.*}).
 *
 * @param flagFile the flagd flag file ({@code deploy/flags/faults.flagd.json}'s format), watched by the flagd
 *     provider's file mode; unset: the provider's own {@code FLAGD_*} environment (a flagd server, as in compose)
 *     if {@code FLAGD_HOST} is set, otherwise no faults at all
 * @param pollInterval how often the file's modification time is checked: a change acts within this (and the
 *     provider's reload), well inside the 2 s a fault is promised to take
 */
@ConfigurationProperties("geodig.faults")
public record FaultsProperties(Path flagFile, @DefaultValue("500ms") Duration pollInterval) {

    public FaultsProperties {
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("geodig.faults.poll-interval must be from 1 ms to 1 s, was " + pollInterval);
        }
    }
}
