package dev.geodig.gateway.faults;

import dev.geodig.contract.faults.FaultsView;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's faults API, {@code geodig.gateway.faults.*}: the flag file it reads and writes, and who may change it.
 *
 * @param flagFile the flagd flag file the worker and the orchestrator watch (their {@code geodig.faults.flag-file});
 *     unset: faults are unavailable, nothing is read or written
 * @param controlEnabled whether changes are accepted at all; off by default, so a gateway started without thought
 *     never lets anyone break lookups on purpose
 * @param tokenFile a file holding a bearer token (its contents, trimmed) that lets a client other than a loopback one
 *     change faults; unset: loopback clients only
 */
@ConfigurationProperties("geodig.gateway.faults")
public record GatewayFaultsProperties(Path flagFile, @DefaultValue("false") boolean controlEnabled, Path tokenFile) {

    /** The control state as the faults API reports it ({@link FaultsView#control()}). */
    String control() {
        if (flagFile == null) {
            return FaultsView.UNAVAILABLE;
        }
        return controlEnabled ? FaultsView.ENABLED : FaultsView.DISABLED;
    }
}
