package dev.geodig.orchestrator.results;

import static dev.geodig.orchestrator.results.ResultCollectorTest.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.LookupStatus;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.DefaultRedis;
import dev.geodig.orchestrator.WorkerSide;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.testkit.RedisExtension;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the design's way has: a group and a reading connection per lookup. */
class PerRequestGroupCollectorTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void sequentialLookupsReuseOneReadingConnectionAndLeaveNoGroup() {
        try (WorkerSide worker = new WorkerSide(redis.url());
                RedisConnections connections = DefaultRedis.connections(redis.url());
                PerRequestGroupCollector collector = new PerRequestGroupCollector(connections,
                        new LookupMetrics(OpenTelemetry.noop(), ResultsMode.GROUP_PER_REQUEST, List.of()))) {
            for (int lookup = 0; lookup < 20; lookup++) {
                String trace = newTraceId();
                try (ResultWait wait = collector.expect(trace, List.of("us-east-1"))) {
                    worker.publishResult(trace, "us-east-1");
                    assertThat(wait.await(Instant.now().plusSeconds(10)).status()).isEqualTo(LookupStatus.SUCCESS);
                }
            }

            // The test's own connection, the shared one, and one pooled reading connection.
            assertThat(clients(worker)).isEqualTo(3);
            assertThat(worker.redis().xinfoGroups(Streams.RESULTS)).isEmpty();
        }
    }

    private static long clients(WorkerSide worker) {
        return worker.redis().clientList().lines().filter(line -> !line.isBlank()).count();
    }
}
