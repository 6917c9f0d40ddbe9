package dev.geodig.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.LookupStatus;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.DefaultRedis;
import dev.geodig.orchestrator.TestTelemetry;
import dev.geodig.orchestrator.WorkerSide;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.orchestrator.telemetry.LookupMetrics.IgnoredResult;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.testkit.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both ways of gathering results, against a real Redis, with the test writing real result messages
 * to {@code dns:results} as the workers would.
 */
class ResultCollectorTest {

    private static final List<String> ALL = List.of("us-east-1", "eu-west-1", "asia-south-1");
    /** Generous: a lookup that gets all its results returns at once, so this only bounds a failing test. */
    private static final Duration PLENTY = Duration.ofSeconds(10);
    /** Short: used where the test expects the deadline to pass. */
    private static final Duration SHORT = Duration.ofMillis(300);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private WorkerSide worker;
    private TestTelemetry telemetry;

    @BeforeEach
    void freshStreams() {
        redis.flushAll();
        worker = new WorkerSide(redis.url());
        telemetry = new TestTelemetry();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        worker.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void everyLocationAnsweringIsSuccess(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        String trace = newTraceId();
        try (ResultWait wait = collector.expect(trace, ALL)) {
            ALL.reversed().forEach(location -> worker.publishResult(trace, location));
            GatheredResults gathered = wait.await(Instant.now().plus(PLENTY));

            assertThat(gathered.status()).isEqualTo(LookupStatus.SUCCESS);
            assertThat(gathered.missing()).isEmpty();
            // In request order, whatever the arrival order.
            assertThat(gathered.received().keySet()).containsExactlyElementsOf(ALL);
            assertThat(gathered.received().values()).extracting(DnsResult::traceId).containsOnly(trace);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void aLookupIsWaitingFromExpectUntilItsWaitIsClosed(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        assertThat(collector.waiting()).isZero();
        try (ResultWait first = collector.expect(newTraceId(), ALL); ResultWait second = collector.expect(newTraceId(), ALL)) {
            assertThat(collector.waiting()).isEqualTo(2);
            second.await(Instant.now());
        }
        assertThat(collector.waiting()).as("nothing left behind").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void aMissingLocationMakesItPartial(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        String trace = newTraceId();
        try (ResultWait wait = collector.expect(trace, ALL)) {
            worker.publishResult(trace, "us-east-1");
            worker.publishResult(trace, "eu-west-1");
            GatheredResults gathered = wait.await(Instant.now().plus(SHORT));

            assertThat(gathered.status()).isEqualTo(LookupStatus.PARTIAL);
            assertThat(gathered.missing()).containsExactly("asia-south-1");
            assertThat(gathered.received()).containsOnlyKeys("us-east-1", "eu-west-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void noResultIsTimeout(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        try (ResultWait wait = collector.expect(newTraceId(), ALL)) {
            GatheredResults gathered = wait.await(Instant.now().plus(SHORT));

            assertThat(gathered.status()).isEqualTo(LookupStatus.TIMEOUT);
            assertThat(gathered.missing()).containsExactlyElementsOf(ALL);
            assertThat(gathered.received()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void otherTracesUnrequestedLocationsAndDuplicatesAreIgnored(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        String trace = newTraceId();
        List<String> asked = List.of("us-east-1", "eu-west-1");
        try (ResultWait wait = collector.expect(trace, asked)) {
            worker.publishResult(newTraceId(), "us-east-1");
            worker.publishResult(trace, "asia-south-1");
            worker.publishResult(trace, "us-east-1");
            worker.publish(new DnsResult(trace, trace, "us-east-1", "www.geodig.test", LocationStatus.ERROR, Map.of(), 1, "second"));
            // Last on purpose: once it is taken, every entry before it has been looked at.
            worker.publishResult(trace, "eu-west-1");
            GatheredResults gathered = wait.await(Instant.now().plus(PLENTY));

            assertThat(gathered.status()).isEqualTo(LookupStatus.SUCCESS);
            assertThat(gathered.received()).containsOnlyKeys(asked);
            assertThat(gathered.received().get("us-east-1").status()).as("the first result counts").isEqualTo(LocationStatus.SUCCESS);
            assertThat(ignored(IgnoredResult.UNREQUESTED_LOCATION)).isEqualTo(1);
            assertThat(ignored(IgnoredResult.DUPLICATE)).isEqualTo(1);
            assertThat(ignored(IgnoredResult.NOT_WAITING)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void aLateResultLeavesNothingBehind(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        String trace = newTraceId();
        try (ResultWait wait = collector.expect(trace, List.of("us-east-1"))) {
            assertThat(wait.await(Instant.now().plus(SHORT)).status()).isEqualTo(LookupStatus.TIMEOUT);
        }
        worker.publishResult(trace, "us-east-1");

        if (collector instanceof SharedResultReader reader) {
            // The reader does see the late result, and drops it.
            await("the reader to drop the late result").atMost(Duration.ofSeconds(10)).until(() -> ignored(IgnoredResult.NOT_WAITING) == 1);
            assertThat(reader.waiting()).isZero();
        }
        assertThat(resultGroups()).as("consumer groups left on " + Streams.RESULTS).isEmpty();
        // Nothing pending anywhere: with no group at all there is no pending entry list.
        assertThat(worker.redis().xlen(Streams.RESULTS)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void malformedEntriesAreSkipped(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        String trace = newTraceId();
        try (ResultWait wait = collector.expect(trace, List.of("us-east-1"))) {
            worker.redis().xadd(Streams.RESULTS, Map.of(Streams.PAYLOAD_FIELD, "{not json"));
            worker.redis().xadd(Streams.RESULTS, Map.of("something", "else"));
            worker.redis().xadd(Streams.RESULTS, Map.of(Streams.PAYLOAD_FIELD, "{\"trace_id\": \"" + trace + "\"}"));
            worker.publishResult(trace, "us-east-1");

            assertThat(wait.await(Instant.now().plus(PLENTY)).status()).isEqualTo(LookupStatus.SUCCESS);
            assertThat(ignored(IgnoredResult.MALFORMED)).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void twoOrchestratorInstancesEachReceiveTheirOwnResults(ResultsMode mode) throws Exception {
        ResultCollector first = collector(mode);
        ResultCollector second = collector(mode);
        String firstTrace = newTraceId();
        String secondTrace = newTraceId();
        try (ResultWait firstWait = first.expect(firstTrace, ALL); ResultWait secondWait = second.expect(secondTrace, ALL)) {
            CompletableFuture<GatheredResults> firstGathered = awaitInBackground(firstWait);
            CompletableFuture<GatheredResults> secondGathered = awaitInBackground(secondWait);
            for (String location : ALL) {
                worker.publishResult(firstTrace, location);
                worker.publishResult(secondTrace, location);
            }

            GatheredResults firstResults = firstGathered.get(PLENTY.toSeconds() + 5, TimeUnit.SECONDS);
            GatheredResults secondResults = secondGathered.get(PLENTY.toSeconds() + 5, TimeUnit.SECONDS);
            assertThat(firstResults.status()).isEqualTo(LookupStatus.SUCCESS);
            assertThat(secondResults.status()).isEqualTo(LookupStatus.SUCCESS);
            assertThat(firstResults.received().values()).extracting(DnsResult::traceId).containsOnly(firstTrace);
            assertThat(secondResults.received().values()).extracting(DnsResult::traceId).containsOnly(secondTrace);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void aSecondLookupOfTheSameTraceIsRefusedAndTheFirstStillWorks(ResultsMode mode) {
        ResultCollector collector = collector(mode);
        String trace = newTraceId();
        try (ResultWait wait = collector.expect(trace, List.of("us-east-1"))) {
            assertThatThrownBy(() -> collector.expect(trace, List.of("us-east-1"))).isInstanceOf(DuplicateLookupException.class);

            worker.publishResult(trace, "us-east-1");
            assertThat(wait.await(Instant.now().plus(PLENTY)).status()).isEqualTo(LookupStatus.SUCCESS);
        }
    }

    private ResultCollector collector(ResultsMode mode) {
        RedisConnections connections = DefaultRedis.connections(redis.url());
        LookupMetrics metrics = new LookupMetrics(telemetry.sdk(), mode, List.of());
        ResultCollector collector = switch (mode) {
            case SHARED_READER -> new SharedResultReader(connections, metrics).start();
            case GROUP_PER_REQUEST -> new PerRequestGroupCollector(connections, metrics);
        };
        toClose.add(connections);
        toClose.add(collector);
        return collector;
    }

    private long ignored(IgnoredResult reason) {
        return telemetry.counter(LookupMetrics.RESULTS_IGNORED, SpanAttributes.IGNORED_REASON, reason.attributeValue());
    }

    private List<Object> resultGroups() {
        return worker.redis().xinfoGroups(Streams.RESULTS);
    }

    private static CompletableFuture<GatheredResults> awaitInBackground(ResultWait wait) {
        CompletableFuture<GatheredResults> gathered = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> gathered.complete(wait.await(Instant.now().plus(PLENTY))));
        return gathered;
    }

    static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }
}
