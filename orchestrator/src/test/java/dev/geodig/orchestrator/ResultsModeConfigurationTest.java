package dev.geodig.orchestrator;

import static dev.geodig.orchestrator.RunningOrchestrator.LOOKUPS;
import static dev.geodig.orchestrator.RunningOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.results.PerRequestGroupCollector;
import dev.geodig.orchestrator.results.ResultCollector;
import dev.geodig.orchestrator.results.SharedResultReader;
import dev.geodig.testkit.RedisExtension;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code geodig.orchestrator.results-mode} picks the collector, and either one serves real lookups. */
class ResultsModeConfigurationTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void theSharedReaderIsTheDefault() {
        try (RunningOrchestrator orchestrator = RunningOrchestrator.start(OpenTelemetry.noop(), Map.of("geodig.redis.url", redis.url()))) {
            assertThat(orchestrator.context().getBean(ResultCollector.class)).isInstanceOf(SharedResultReader.class);
            lookupSucceeds(orchestrator);
        }
    }

    @Test
    void groupPerRequestCanBeChosenAndLeavesNoGroupBehind() {
        try (RunningOrchestrator orchestrator = RunningOrchestrator.start(OpenTelemetry.noop(), Map.of(
                "geodig.redis.url", redis.url(),
                "geodig.orchestrator.results-mode", "group-per-request"));
                WorkerSide worker = new WorkerSide(redis.url())) {
            assertThat(orchestrator.context().getBean(ResultCollector.class)).isInstanceOf(PerRequestGroupCollector.class);
            lookupSucceeds(orchestrator);

            assertThat(worker.redis().xinfoGroups(Streams.RESULTS)).isEmpty();
        }
    }

    private static void lookupSucceeds(RunningOrchestrator orchestrator) {
        try (WorkerSide worker = new WorkerSide(redis.url())) {
            worker.answerNextTask(worker.lastId(Streams.TASKS), List.of("us-east-1", "eu-west-1", "asia-south-1"));

            HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", "{\"domain\": \"www.geodig.test\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("status").asString()).isEqualTo("success");
        }
    }
}
