package dev.geodig.orchestrator.lookup;

import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.boot.LocationsProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import dev.geodig.contract.LookupRequestReader;
import dev.geodig.orchestrator.results.ResultCollector;
import dev.geodig.orchestrator.tasks.TaskPublisher;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LookupConfiguration {

    @Bean
    LookupRequestReader lookupRequestReader(LocationsProperties locations) {
        return new LookupRequestReader(locations.locations());
    }

    @Bean
    LookupOrchestration lookupOrchestration(OpenTelemetry openTelemetry, TaskPublisher publisher, ResultCollector collector,
            LookupMetrics metrics, ResultDeadlineProperties deadline, InjectedFaults faults) {
        return new LookupOrchestration(openTelemetry, publisher, collector, metrics, deadline.resultDeadline(), faults);
    }
}
