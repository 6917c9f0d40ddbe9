package dev.geodig.boot.faults;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link InjectedFaults} for the services that act on faults (those with the flagd provider on their class path).
 * Natively the provider's file mode watches {@code geodig.faults.flag-file}, the file the gateway writes; in compose,
 * where {@code FLAGD_HOST} names a flagd server, the provider is configured by its own {@code FLAGD_*} variables.
 */
@AutoConfiguration
@ConditionalOnClass(FlagdProvider.class)
@EnableConfigurationProperties(FaultsProperties.class)
public class FaultsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    InjectedFaults injectedFaults(FaultsProperties properties) {
        if (properties.flagFile() != null) {
            return InjectedFaults.from(new FlagdProvider(FlagdOptions.builder()
                    .resolverType(Config.Resolver.FILE)
                    .offlineFlagSourcePath(properties.flagFile().toString())
                    .offlinePollIntervalMs(Math.toIntExact(properties.pollInterval().toMillis()))
                    .build()));
        }
        if (System.getenv("FLAGD_HOST") != null) {
            return InjectedFaults.from(new FlagdProvider());
        }
        return InjectedFaults.none();
    }
}
