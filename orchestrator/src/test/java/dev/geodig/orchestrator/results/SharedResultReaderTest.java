package dev.geodig.orchestrator.results;

import static dev.geodig.orchestrator.results.ResultCollectorTest.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.geodig.contract.LookupStatus;
import dev.geodig.orchestrator.DefaultRedis;
import dev.geodig.orchestrator.WorkerSide;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.RedisExtension;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the shared reader has: a position in the stream, a thread, and recovery from Redis errors. */
class SharedResultReaderTest {

    private static final LookupMetrics METRICS = new LookupMetrics(OpenTelemetry.noop(), ResultsMode.SHARED_READER, List.of());

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void startsAfterWhatIsAlreadyInTheStream() {
        try (WorkerSide worker = new WorkerSide(redis.url());
                RedisConnections connections = DefaultRedis.connections(redis.url())) {
            String trace = newTraceId();
            worker.publishResult(trace, "us-east-1");
            try (SharedResultReader reader = new SharedResultReader(connections, METRICS).start();
                    ResultWait wait = reader.expect(trace, List.of("us-east-1", "eu-west-1"))) {
                worker.publishResult(trace, "eu-west-1");
                GatheredResults gathered = wait.await(Instant.now().plusMillis(500));

                // The entry written before the reader started is history, not this lookup's result.
                assertThat(gathered.received()).containsOnlyKeys("eu-west-1");
                assertThat(gathered.status()).isEqualTo(LookupStatus.PARTIAL);
            }
        }
    }

    @Test
    void keepsReadingAfterRedisDropsItsConnection() {
        try (WorkerSide worker = new WorkerSide(redis.url());
                RedisConnections connections = DefaultRedis.connections(redis.url());
                SharedResultReader reader = new SharedResultReader(connections, METRICS).start()) {
            lookupSucceeds(reader, worker);
            for (int round = 0; round < 3; round++) {
                // Kills every client connection but the test's own, the reader's blocked XREAD among them.
                long killed = worker.redis().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme());
                assertThat(killed).isPositive();

                lookupSucceeds(reader, worker);
                assertThat(reader.readerAlive()).isTrue();
            }
        }
    }

    @Test
    void keepsReadingAfterRedisRestartsEmptyOnTheSamePort() {
        try (RedisConnections connections = DefaultRedis.connections(redis.url());
                SharedResultReader reader = new SharedResultReader(connections, METRICS).start()) {
            try (WorkerSide worker = new WorkerSide(redis.url())) {
                lookupSucceeds(reader, worker);
            }

            redis.kill();
            redis.startAgain();

            // The stream is gone and its ids start again from the clock: the last id seen before is still behind them,
            // and a blocking XREAD on a missing stream waits for it to appear. A fresh test worker: the old one's
            // connection would reconnect at Lettuce's default pace.
            try (WorkerSide worker = new WorkerSide(redis.url())) {
                lookupSucceeds(reader, worker);
            }
            assertThat(reader.readerAlive()).isTrue();
        }
    }

    @Test
    void startsWithoutRedisRefusesLookupsAndStops() {
        int closedPort = LoopbackPorts.free();
        try (RedisConnections connections = DefaultRedis.connections("redis://127.0.0.1:" + closedPort)) {
            SharedResultReader reader = new SharedResultReader(connections, METRICS).start();
            assertThat(reader.readerAlive()).isTrue();

            // Without a position in the stream it cannot promise to see a result: refuse, do not guess.
            assertThatThrownBy(() -> reader.expect(newTraceId(), List.of("us-east-1")))
                    .isInstanceOf(ResultsUnavailableException.class);

            reader.close();
            assertThat(reader.readerAlive()).isFalse();
            assertThat(reader.waiting()).isZero();
        }
    }

    @Test
    void closeStopsTheReaderThread() {
        try (RedisConnections connections = DefaultRedis.connections(redis.url())) {
            SharedResultReader reader = new SharedResultReader(connections, METRICS).start();
            await("the reader thread to run").atMost(Duration.ofSeconds(10)).until(reader::readerAlive);

            reader.close();

            assertThat(reader.readerAlive()).isFalse();
        }
    }

    private static void lookupSucceeds(SharedResultReader reader, WorkerSide worker) {
        String trace = newTraceId();
        try (ResultWait wait = reader.expect(trace, List.of("us-east-1"))) {
            worker.publishResult(trace, "us-east-1");
            assertThat(wait.await(Instant.now().plus(Duration.ofSeconds(15))).status()).isEqualTo(LookupStatus.SUCCESS);
        }
        assertThat(reader.waiting()).isZero();
    }
}
