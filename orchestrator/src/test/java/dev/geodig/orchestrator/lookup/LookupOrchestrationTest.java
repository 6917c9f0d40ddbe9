package dev.geodig.orchestrator.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.LookupStatus;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Streams;
import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.orchestrator.DefaultRedis;
import dev.geodig.orchestrator.WorkerSide;
import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.orchestrator.results.PerRequestGroupCollector;
import dev.geodig.orchestrator.results.ResultCollector;
import dev.geodig.orchestrator.results.ResultsMode;
import dev.geodig.orchestrator.results.SharedResultReader;
import dev.geodig.orchestrator.tasks.TaskPublisher;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.testkit.RedisExtension;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One lookup end to end inside the orchestrator, with the SDK's in-memory exporter: the task on the
 * wire, the design's spans, and the report. The test plays the workers.
 */
class LookupOrchestrationTest {

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    private static final List<String> ALL = List.of("us-east-1", "eu-west-1", "asia-south-1");
    /** Where every location answers: the lookup ends when the last result arrives, so this only bounds a failure. */
    private static final Duration GENEROUS = Duration.ofSeconds(15);
    /** Where a location stays silent, the lookup lasts this long; long enough for the others to answer. */
    private static final Duration PARTIAL_DEADLINE = Duration.ofSeconds(3);
    private static final Duration NOBODY_DEADLINE = Duration.ofMillis(500);
    private static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private WorkerSide worker;
    private RedisConnections connections;
    private ResultCollector collector;

    @BeforeEach
    void freshStreams() {
        redis.flushAll();
        worker = new WorkerSide(redis.url());
        connections = DefaultRedis.connections(redis.url());
    }

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
        connections.close();
        worker.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void publishesOneTaskCarryingTheTraceIdAndThePublishSpansContext(ResultsMode mode) throws Exception {
        LookupOrchestration orchestration = orchestration(mode, GENEROUS);
        CompletableFuture<DnsTask> answered = worker.answerNextTask("0-0", ALL);

        LookupReport report = lookupUnderServerSpan(orchestration, new LookupRequest("www.geodig.test", ALL, List.of("A", "TXT")));

        assertThat(report.status()).isEqualTo(LookupStatus.SUCCESS);
        assertThat(worker.redis().xlen(Streams.TASKS)).as("one XADD per request, whatever the number of locations").isEqualTo(1);
        StreamMessage<String, String> entry = worker.redis().xrange(Streams.TASKS, Range.unbounded()).getFirst();
        DnsTask task = MessageCodec.decodeTask(entry.getBody());
        assertThat(answered.get(15, TimeUnit.SECONDS)).isEqualTo(task);

        SpanData server = span("POST /internal/v1/lookups");
        SpanData publish = span(LookupOrchestration.PUBLISH_SPAN);
        String traceId = server.getTraceId();
        assertThat(task.traceId()).isEqualTo(traceId);
        assertThat(task.taskId()).isEqualTo(traceId);
        assertThat(report.traceId()).isEqualTo(traceId);
        assertThat(task.domain()).isEqualTo("www.geodig.test");
        assertThat(task.locations()).containsExactlyElementsOf(ALL);
        assertThat(task.recordTypes()).containsExactly("A", "TXT");
        assertThat(entry.getBody().get(Streams.PAYLOAD_FIELD)).containsPattern("\"timestamp\":\"" + ISO_INSTANT + "\"");
        // The workers' spans must hang under publish_dns_task: its id is the carried parent.
        // (Flags are not compared: the SDK may set W3C level-2 "random" besides "sampled".)
        String[] traceparent = task.traceContext().get("traceparent").split("-");
        assertThat(traceparent).hasSize(4);
        assertThat(traceparent[0]).isEqualTo("00");
        assertThat(traceparent[1]).isEqualTo(traceId);
        assertThat(traceparent[2]).isEqualTo(publish.getSpanId());
        assertThat(Integer.parseInt(traceparent[3], 16) & 1).as("sampled flag").isEqualTo(1);
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo(entry.getId());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void theTaskCarriesTheInstantTheLookupStopsWaiting(ResultsMode mode) throws Exception {
        LookupOrchestration orchestration = orchestration(mode, PARTIAL_DEADLINE);
        CompletableFuture<DnsTask> answered = worker.answerNextTask("0-0", ALL);
        java.time.Instant before = java.time.Instant.now();

        LookupReport report = lookupUnderServerSpan(orchestration, new LookupRequest("www.geodig.test", ALL, List.of("A")));

        DnsTask task = answered.get(15, TimeUnit.SECONDS);
        assertThat(report.status()).isEqualTo(LookupStatus.SUCCESS);
        // The request's start plus the result deadline, to the millisecond: absolute, so time queued counts against it.
        assertThat(task.deadline()).isBetween(before.plus(PARTIAL_DEADLINE).minusMillis(1), java.time.Instant.now().plus(PARTIAL_DEADLINE));
        assertThat(task.deadline()).isAfter(task.timestamp());
        assertThat(Duration.between(task.timestamp(), task.deadline())).isLessThanOrEqualTo(PARTIAL_DEADLINE);
        assertThat(worker.redis().xrange(Streams.TASKS, Range.unbounded()).getFirst().getBody().get(Streams.PAYLOAD_FIELD))
                .containsPattern("\"deadline\":\"" + ISO_INSTANT + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void spansFollowTheDesignsTree(ResultsMode mode) {
        LookupOrchestration orchestration = orchestration(mode, GENEROUS);
        worker.answerNextTask("0-0", ALL);

        lookupUnderServerSpan(orchestration, new LookupRequest("www.geodig.test", ALL, List.of("A")));

        SpanData server = span("POST /internal/v1/lookups");
        SpanData orchestrate = span(LookupOrchestration.ORCHESTRATE_SPAN);
        SpanData publish = span(LookupOrchestration.PUBLISH_SPAN);
        SpanData wait = span(LookupOrchestration.WAIT_SPAN);
        String traceId = server.getTraceId();
        assertThat(List.of(orchestrate, publish, wait)).extracting(SpanData::getTraceId).containsOnly(traceId);

        assertThat(orchestrate.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(orchestrate.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(orchestrate.getAttributes().get(SpanAttributes.TRACE_ID)).isEqualTo(traceId);
        assertThat(orchestrate.getAttributes().get(SpanAttributes.RESULT_STATUS)).isEqualTo(LookupStatus.SUCCESS.wireName());

        assertThat(publish.getParentSpanId()).isEqualTo(orchestrate.getSpanId());
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        Attributes published = publish.getAttributes();
        assertThat(published.get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("redis");
        assertThat(published.get(SpanAttributes.MESSAGING_OPERATION_TYPE)).isEqualTo("send");
        assertThat(published.get(SpanAttributes.MESSAGING_OPERATION_NAME)).isEqualTo("xadd");
        assertThat(published.get(SpanAttributes.MESSAGING_DESTINATION_NAME)).isEqualTo(Streams.TASKS);
        assertThat(published.get(SpanAttributes.MESSAGING_MESSAGE_ID)).matches("\\d+-\\d+");
        assertThat(published.get(SpanAttributes.TRACE_ID)).isEqualTo(traceId);
        assertThat(published.get(SpanAttributes.TASK_ID)).isEqualTo(traceId);
        assertThat(published.get(SpanAttributes.DNS_DOMAIN)).isEqualTo("www.geodig.test");

        assertThat(wait.getParentSpanId()).isEqualTo(orchestrate.getSpanId());
        assertThat(wait.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(wait.getAttributes().get(SpanAttributes.LOCATIONS_EXPECTED)).isEqualTo(3L);
        assertThat(wait.getAttributes().get(SpanAttributes.LOCATIONS_RECEIVED)).isEqualTo(3L);
        assertThat(wait.getAttributes().get(SpanAttributes.RESULT_STATUS)).isEqualTo(LookupStatus.SUCCESS.wireName());
        // Publishing comes before waiting (the wait was registered even earlier, before the XADD).
        assertThat(publish.getEndEpochNanos()).isLessThanOrEqualTo(wait.getStartEpochNanos());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void aLocationWithoutResultIsReportedAsTimeout(ResultsMode mode) {
        LookupOrchestration orchestration = orchestration(mode, PARTIAL_DEADLINE);
        worker.answerNextTask("0-0", List.of("us-east-1", "eu-west-1"));

        LookupReport report = lookupUnderServerSpan(orchestration, new LookupRequest("www.geodig.test", ALL, List.of("A")));

        assertThat(report.status()).isEqualTo(LookupStatus.PARTIAL);
        assertThat(report.results().keySet()).containsExactlyElementsOf(ALL);
        assertThat(report.results().get("us-east-1").status()).isEqualTo(LocationStatus.SUCCESS);
        LocationReport missing = report.results().get("asia-south-1");
        assertThat(missing.status()).isEqualTo(LocationStatus.TIMEOUT);
        assertThat(missing.records()).isEmpty();
        assertThat(missing.processingTimeMs()).isNull();
        assertThat(span(LookupOrchestration.WAIT_SPAN).getAttributes().get(SpanAttributes.LOCATIONS_RECEIVED)).isEqualTo(2L);
        assertThat(lookupsRecorded(LookupStatus.PARTIAL.wireName())).isEqualTo(1);
        // Per location, answered or timed out (the metric behind the gateway's /api/v1/metrics/locations).
        assertThat(locationResultsRecorded("us-east-1", LocationStatus.SUCCESS)).isEqualTo(1);
        assertThat(locationResultsRecorded("eu-west-1", LocationStatus.SUCCESS)).isEqualTo(1);
        assertThat(locationResultsRecorded("asia-south-1", LocationStatus.TIMEOUT)).isEqualTo(1);
        assertThat(locationResultsRecorded("asia-south-1", LocationStatus.SUCCESS)).isZero();
        // Every configured location has every outcome from the start, at 0: a first timeout is an increase.
        assertThat(locationResultSeries()).isEqualTo(ALL.size() * LocationStatus.values().length);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultsMode.class)
    void noResultAtAllIsATimeoutReport(ResultsMode mode) {
        LookupOrchestration orchestration = orchestration(mode, NOBODY_DEADLINE);

        LookupReport report = lookupUnderServerSpan(orchestration, new LookupRequest("www.geodig.test", ALL, List.of("A")));

        assertThat(report.status()).isEqualTo(LookupStatus.TIMEOUT);
        assertThat(report.results().values()).extracting(LocationReport::status).containsOnly(LocationStatus.TIMEOUT);
        assertThat(span(LookupOrchestration.ORCHESTRATE_SPAN).getAttributes().get(SpanAttributes.RESULT_STATUS))
                .isEqualTo(LookupStatus.TIMEOUT.wireName());
        assertThat(lookupsRecorded(LookupStatus.TIMEOUT.wireName())).isEqualTo(1);
    }

    @Test
    void orchestratorDelayHoldsTheLookupBeforeItsTaskIsPublishedAndTheSpanSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("faults.flagd.json");
        Files.writeString(file, FaultFlagFile.render(List.of(new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 100, 400, null))));
        try (InjectedFaults faults = InjectedFaults.from(new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString()).build()))) {
            LookupOrchestration orchestration = orchestration(ResultsMode.SHARED_READER, GENEROUS, faults);
            CompletableFuture<DnsTask> answered = worker.answerNextTask("0-0", ALL);
            Instant asked = Instant.now();

            LookupReport report = lookupUnderServerSpan(orchestration, new LookupRequest("www.geodig.test", ALL, List.of("A")));

            assertThat(report.status()).isEqualTo(LookupStatus.SUCCESS);
            assertThat(answered.get(15, TimeUnit.SECONDS).timestamp()).isAfterOrEqualTo(asked.plusMillis(400).truncatedTo(ChronoUnit.MILLIS));
            SpanData orchestrate = span(LookupOrchestration.ORCHESTRATE_SPAN);
            assertThat(orchestrate.getAttributes().get(SpanAttributes.FAULT_INJECTED)).isEqualTo("orchestrator-delay");
            assertThat(orchestrate.getEvents()).anySatisfy(event -> {
                assertThat(event.getName()).isEqualTo("feature_flag.evaluation");
                assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.key"))).isEqualTo("orchestrator-delay");
                assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.result.variant"))).isEqualTo("on");
            });
            assertThat(span(LookupOrchestration.PUBLISH_SPAN).getStartEpochNanos() - orchestrate.getStartEpochNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        }
    }

    private LookupOrchestration orchestration(ResultsMode mode, Duration deadline) {
        return orchestration(mode, deadline, InjectedFaults.none());
    }

    private LookupOrchestration orchestration(ResultsMode mode, Duration deadline, InjectedFaults faults) {
        OpenTelemetry openTelemetry = otel.getOpenTelemetry();
        LookupMetrics metrics = new LookupMetrics(openTelemetry, mode, ALL);
        collector = switch (mode) {
            case SHARED_READER -> new SharedResultReader(connections, metrics).start();
            case GROUP_PER_REQUEST -> new PerRequestGroupCollector(connections, metrics);
        };
        return new LookupOrchestration(openTelemetry, new TaskPublisher(connections, 1000), collector, metrics, deadline, faults);
    }

    /** Stands in for the agent's HTTP server span, the parent the orchestrator's spans expect. */
    private static LookupReport lookupUnderServerSpan(LookupOrchestration orchestration, LookupRequest request) {
        Span server = otel.getOpenTelemetry().getTracer("test").spanBuilder("POST /internal/v1/lookups")
                .setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = server.makeCurrent()) {
            return orchestration.lookup(request);
        } finally {
            server.end();
        }
    }

    private static SpanData span(String name) {
        List<SpanData> named = otel.getSpans().stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.getFirst();
    }

    private static long locationResultsRecorded(String location, LocationStatus status) {
        return otel.getMetrics().stream()
                .filter(metric -> metric.getName().equals(LookupMetrics.LOCATION_RESULTS))
                .flatMap(metric -> metric.getLongSumData().getPoints().stream())
                .filter(point -> location.equals(point.getAttributes().get(SpanAttributes.WORKER_LOCATION))
                        && status.wireName().equals(point.getAttributes().get(SpanAttributes.RESULT_STATUS)))
                .mapToLong(point -> point.getValue())
                .sum();
    }

    private static long locationResultSeries() {
        return otel.getMetrics().stream()
                .filter(metric -> metric.getName().equals(LookupMetrics.LOCATION_RESULTS))
                .mapToLong(metric -> metric.getLongSumData().getPoints().size())
                .sum();
    }

    private static long lookupsRecorded(String status) {
        return otel.getMetrics().stream()
                .filter(metric -> metric.getName().equals(LookupMetrics.LOOKUP_DURATION))
                .flatMap(metric -> metric.getHistogramData().getPoints().stream())
                .filter(point -> status.equals(point.getAttributes().get(SpanAttributes.RESULT_STATUS)))
                .mapToLong(point -> point.getCount())
                .sum();
    }
}
