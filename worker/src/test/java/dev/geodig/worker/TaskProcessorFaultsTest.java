package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.boot.faults.InjectedFaultException;
import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.Streams;
import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.telemetry.TraceContextCarrier;
import dev.geodig.testkit.RedisExtension;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import io.lettuce.core.Range;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's injected faults, in process: the real {@link TaskProcessor} against a real NSD and a real Redis,
 * its faults read by the real flagd provider from a flag file as the gateway writes it.
 */
class TaskProcessorFaultsTest {

    private static final String LOCATION = "us-east-1";
    private static final List<String> TYPES = List.of("A", "AAAA", "MX");
    private static final String INJECTED = InjectedFaultException.class.getName();

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    static final DnsServers dns = new DnsServers();

    @TempDir
    Path dir;

    private InjectedFaults faults;
    private final AtomicInteger exits = new AtomicInteger();
    private final AtomicInteger acks = new AtomicInteger();

    @BeforeEach
    void setUp() {
        redis.flushAll();
    }

    @AfterEach
    void tearDown() {
        if (faults != null) {
            faults.close();
        }
    }

    @Test
    void workerFailPublishesAnErrorResultSayingWhyAndFailsTheSpan() throws IOException {
        TaskProcessor processor = processorWith(new FaultSetting(Fault.WORKER_FAIL, LOCATION, 100, 0, null));

        DnsResult result = processor.process("1-1", task(), acks::incrementAndGet, true);

        assertThat(result.status()).isEqualTo(LocationStatus.ERROR);
        assertThat(result.error()).contains("injected fault worker-fail us-east-1 100 %");
        assertThat(result.records().values()).extracting(RecordLookup::rcode).containsOnly(Rcode.ERROR);
        assertThat(redis.commands().xrange(Streams.RESULTS, Range.create("-", "+"))).hasSize(1);
        assertThat(acks).hasValue(1);
        SpanData process = only("process_dns_task");
        assertFailedByInjection(process, "worker-fail", "the worker failed the task");
        assertThat(otel.getSpans()).noneMatch(s -> s.getName().startsWith("lookup_"));
    }

    @Test
    void workerDropAcknowledgesWithoutAResult() throws IOException {
        TaskProcessor processor = processorWith(new FaultSetting(Fault.WORKER_DROP, LOCATION, 100, 0, null));

        assertThat(processor.process("1-1", task(), acks::incrementAndGet, true)).isNull();

        assertThat(redis.commands().xrange(Streams.RESULTS, Range.create("-", "+"))).isEmpty();
        assertThat(acks).hasValue(1);
        assertFailedByInjection(only("process_dns_task"), "worker-drop", "the worker dropped the task");
    }

    @Test
    void workerExitLeavesTheTaskPendingOnItsFirstDeliveryAndDoesItWhenClaimedAgain() throws IOException {
        TaskProcessor processor = processorWith(new FaultSetting(Fault.WORKER_EXIT, LOCATION, 100, 0, null));

        assertThat(processor.process("1-1", task(), acks::incrementAndGet, true)).isNull();
        assertThat(exits).hasValue(1);
        assertThat(acks).hasValue(0);
        assertFailedByInjection(only("process_dns_task"), "worker-exit", "the worker exits");

        DnsResult again = processor.process("1-1", task(), acks::incrementAndGet, false);
        assertThat(again.status()).isEqualTo(LocationStatus.SUCCESS);
        assertThat(exits).hasValue(1);
        assertThat(acks).hasValue(1);
    }

    @Test
    void dnsDelayHoldsEveryQueryAndTheLookupSpansShowIt() throws IOException {
        TaskProcessor processor = processorWith(new FaultSetting(Fault.DNS_DELAY, LOCATION, 100, 300, null));

        DnsResult result = processor.process("1-1", task(), acks::incrementAndGet, true);

        assertThat(result.status()).isEqualTo(LocationStatus.SUCCESS);
        assertThat(result.records().values()).allSatisfy(r -> assertThat(r.durationMs()).isGreaterThanOrEqualTo(300));
        List<SpanData> lookups = otel.getSpans().stream().filter(s -> s.getName().matches("lookup_.+_record")).toList();
        assertThat(lookups).hasSize(TYPES.size()).allSatisfy(span -> {
            assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(span.getAttributes().get(SpanAttributes.FAULT_INJECTED)).isEqualTo("dns-delay");
        });
        assertThat(flagEvent(only("process_dns_task")).getAttributes().get(AttributeKey.stringKey("feature_flag.key")))
                .isEqualTo("dns-delay");
    }

    @Test
    void dnsServfailFailsOneRecordTypeOnlyAndTheLocationIsPartial() throws IOException {
        TaskProcessor processor = processorWith(new FaultSetting(Fault.DNS_SERVFAIL, LOCATION, 100, 0, "AAAA"));

        DnsResult result = processor.process("1-1", task(), acks::incrementAndGet, true);

        assertThat(result.status()).isEqualTo(LocationStatus.PARTIAL);
        assertThat(result.records().get("AAAA").rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(result.records().get("A").rcode()).isEqualTo(Rcode.NOERROR);
        SpanData aaaa = only("lookup_aaaa_record");
        assertThat(aaaa.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(aaaa.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("SERVFAIL");
        assertThat(aaaa.getAttributes().get(SpanAttributes.FAULT_INJECTED)).isEqualTo("dns-servfail");
        assertThat(only("lookup_a_record").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFaultOfAnotherLocationDoesNotActHere() throws IOException {
        TaskProcessor processor = processorWith(new FaultSetting(Fault.WORKER_FAIL, "eu-west-1", 100, 0, null));

        DnsResult result = processor.process("1-1", task(), acks::incrementAndGet, true);

        assertThat(result.status()).isEqualTo(LocationStatus.SUCCESS);
        assertThat(only("process_dns_task").getEvents()).noneMatch(e -> e.getName().equals("feature_flag.evaluation"));
    }

    private void assertFailedByInjection(SpanData span, String fault, String message) {
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo(INJECTED);
        assertThat(span.getAttributes().get(SpanAttributes.FAULT_INJECTED)).isEqualTo(fault);
        EventData exception = span.getEvents().stream().filter(e -> e.getName().equals("exception")).findFirst().orElseThrow();
        assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.type"))).isEqualTo(INJECTED);
        assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message"))).contains(message).contains(fault);
        EventData flag = flagEvent(span);
        assertThat(flag.getAttributes().get(AttributeKey.stringKey("feature_flag.key"))).isEqualTo(fault);
        assertThat(flag.getAttributes().get(AttributeKey.stringKey("feature_flag.result.variant"))).isEqualTo("on-" + LOCATION);
        assertThat(flag.getAttributes().get(AttributeKey.stringKey("feature_flag.context.id"))).isEqualTo(span.getTraceId());
    }

    private static EventData flagEvent(SpanData span) {
        return span.getEvents().stream().filter(e -> e.getName().equals("feature_flag.evaluation")).findFirst().orElseThrow();
    }

    private TaskProcessor processorWith(FaultSetting setting) throws IOException {
        Path file = dir.resolve("faults.flagd.json");
        Files.writeString(file, FaultFlagFile.render(List.of(setting)));
        faults = InjectedFaults.from(new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString()).build()));
        RecordResolver records = new RecordResolver(List.of(WorkerProperties.parseHostPort(dns.address())), Duration.ofSeconds(2), 0);
        Tracer tracer = otel.getOpenTelemetry().getTracer("dev.geodig.worker");
        return new TaskProcessor(tracer, otel.getOpenTelemetry().getPropagators().getTextMapPropagator(), records,
                new ResultPublisher(redis.commands(), tracer, 1000), new WorkerMetrics(otel.getOpenTelemetry(), LOCATION),
                LOCATION, Duration.ofMillis(100), faults, exits::incrementAndGet);
    }

    /** A task as the orchestrator publishes it, its trace context from a publish span. */
    private DnsTask task() {
        Span producer = otel.getOpenTelemetry().getTracer("test").spanBuilder("publish_dns_task").setSpanKind(SpanKind.PRODUCER).startSpan();
        Map<String, String> carried = TraceContextCarrier.inject(
                otel.getOpenTelemetry().getPropagators().getTextMapPropagator(), Context.root().with(producer));
        producer.end();
        String traceId = producer.getSpanContext().getTraceId();
        return new DnsTask(traceId, traceId, TestZones.DEMO, TYPES, List.of(LOCATION), Instant.now(),
                Instant.now().plusSeconds(5), carried);
    }

    private SpanData only(String name) {
        List<SpanData> named = otel.getSpans().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s", name).hasSize(1);
        return named.getFirst();
    }
}
