package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Rcode;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.Streams;
import dev.geodig.telemetry.TraceContextCarrier;
import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker's spans, in process: the real {@link TaskProcessor} against a real NSD and a real Redis,
 * with the OpenTelemetry SDK's in-memory exporter.
 */
class TaskProcessorSpansTest {

    private static final String LOCATION = "us-east-1";
    private static final List<String> TYPES = List.of("A", "AAAA", "MX", "TXT", "NS");
    private static final Duration MARGIN = Duration.ofMillis(100);

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    static final DnsServers dns = new DnsServers();

    private Tracer tracer;

    @BeforeEach
    void setUp() {
        redis.flushAll();
        tracer = otel.getOpenTelemetry().getTracer("test");
    }

    private TaskProcessor processor(String resolver, Duration timeout) {
        return processor(new RecordResolver(List.of(WorkerProperties.parseHostPort(resolver)), timeout, 0));
    }

    private TaskProcessor processor(RecordResolver records) {
        Tracer workerTracer = otel.getOpenTelemetry().getTracer("dev.geodig.worker");
        return new TaskProcessor(workerTracer, otel.getOpenTelemetry().getPropagators().getTextMapPropagator(), records,
                new ResultPublisher(redis.commands(), workerTracer, 1000),
                new WorkerMetrics(otel.getOpenTelemetry(), LOCATION), LOCATION, MARGIN,
                InjectedFaults.none(), () -> { });
    }

    /** The orchestrator's side: a publish span whose context travels in the task. */
    private record Published(DnsTask task, Span producer) {
    }

    private Published publish(String domain, List<String> types) {
        return publish(domain, types, null);
    }

    /** @param deadline the task's deadline, or {@code null} for a task in the design's format, without one */
    private Published publish(String domain, List<String> types, Instant deadline) {
        Span producer = tracer.spanBuilder("publish_dns_task").setSpanKind(SpanKind.PRODUCER).startSpan();
        Map<String, String> carried = TraceContextCarrier.inject(
                otel.getOpenTelemetry().getPropagators().getTextMapPropagator(), Context.root().with(producer));
        producer.end();
        String traceId = producer.getSpanContext().getTraceId();
        return new Published(new DnsTask(traceId, traceId, domain, types, List.of(LOCATION), Instant.now(), deadline, carried),
                producer);
    }

    @Test
    void eachLookupSpanSaysWhichClientSubnetItSentAndTheScopeItsAnswerCameWith() {
        try (RecordingDnsServer server = RecordingDnsServer.answeringWithScope(24)) {
            RecordResolver records = new RecordResolver(List.of(WorkerProperties.parseHostPort(server.address())),
                    Duration.ofSeconds(2), 0, Optional.of(LocationSubnet.parse("192.0.2.0/24", 24, 56)));

            processor(records).process("1-1", publish("www.geodig.test", List.of("A", "TXT")).task(), () -> { });

            assertThat(spans(s -> s.getName().equals("lookup_a_record") || s.getName().equals("lookup_txt_record")))
                    .hasSize(2).allSatisfy(lookup -> {
                        assertThat(lookup.getAttributes().get(SpanAttributes.DNS_ECS_SUBNET)).isEqualTo("192.0.2.0/24");
                        assertThat(lookup.getAttributes().get(SpanAttributes.DNS_ECS_SCOPE_PREFIX)).isEqualTo(24L);
                    });
        }
    }

    @Test
    void aLookupWithoutClientSubnetHasNoSubnetAttributes() {
        processor(dns.address(), Duration.ofSeconds(2)).process("1-1", publish("www.geodig.test", List.of("A")).task(), () -> { });

        assertThat(only("lookup_a_record").getAttributes().get(SpanAttributes.DNS_ECS_SUBNET)).isNull();
        assertThat(only("lookup_a_record").getAttributes().get(SpanAttributes.DNS_ECS_SCOPE_PREFIX)).isNull();
    }

    @Test
    void processDnsTaskIsInTheInjectedTraceWithConcurrentLookupSpans() {
        Published published = publish("geodig.test", TYPES);
        List<List<StreamMessage<String, String>>> resultsSeenAtAck = new ArrayList<>();

        DnsResult result = processor(dns.address(), Duration.ofSeconds(2)).process("1-1", published.task(),
                () -> resultsSeenAtAck.add(redis.commands().xrange(Streams.RESULTS, Range.create("-", "+"))));

        String traceId = published.producer().getSpanContext().getTraceId();
        SpanData process = only("process_dns_task");
        SpanData all = only("lookup_all_records");
        SpanData publishResult = only("publish_dns_result");
        List<SpanData> lookups = spans(s -> s.getName().matches("lookup_.*_record") && !s.equals(all));

        // process_dns_task: child of the injected context, same trace, and linked to it.
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(traceId);
        assertThat(process.getParentSpanId()).isEqualTo(published.producer().getSpanContext().getSpanId());
        assertThat(process.getLinks()).singleElement()
                .satisfies(link -> {
                    // The same span, as extracted from the wire (so marked remote).
                    assertThat(link.getSpanContext().getTraceId()).isEqualTo(traceId);
                    assertThat(link.getSpanContext().getSpanId()).isEqualTo(published.producer().getSpanContext().getSpanId());
                    assertThat(link.getSpanContext().isRemote()).isTrue();
                    assertThat(link.getAttributes().get(SpanAttributes.OPENTRACING_REF_TYPE))
                            .isEqualTo("child_of");
                });
        Attributes attributes = process.getAttributes();
        assertThat(attributes.get(SpanAttributes.TRACE_ID)).isEqualTo(traceId);
        assertThat(attributes.get(SpanAttributes.TASK_ID)).isEqualTo(traceId);
        assertThat(attributes.get(SpanAttributes.DNS_DOMAIN)).isEqualTo("geodig.test");
        assertThat(attributes.get(SpanAttributes.WORKER_LOCATION)).isEqualTo(LOCATION);
        assertThat(attributes.get(SpanAttributes.RESULT_STATUS)).isEqualTo("success");
        assertThat(attributes.get(SpanAttributes.PROCESSING_TIME_MS)).isEqualTo(result.processingTimeMs());
        assertThat(attributes.get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("redis");
        assertThat(attributes.get(SpanAttributes.MESSAGING_OPERATION_TYPE)).isEqualTo("process");
        assertThat(attributes.get(SpanAttributes.MESSAGING_DESTINATION_NAME)).isEqualTo("dns:tasks");
        assertThat(attributes.get(SpanAttributes.MESSAGING_CONSUMER_GROUP_NAME)).isEqualTo("workers-us-east-1");
        assertThat(attributes.get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo("1-1");
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        // lookup_all_records under it; one lookup span per type under that.
        assertThat(all.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(all.getParentSpanId()).isEqualTo(process.getSpanId());
        assertThat(lookups).extracting(SpanData::getName).containsExactlyInAnyOrder(
                "lookup_a_record", "lookup_aaaa_record", "lookup_mx_record", "lookup_txt_record", "lookup_ns_record");
        for (SpanData lookup : lookups) {
            String type = lookup.getAttributes().get(SpanAttributes.DNS_RECORD_TYPE);
            RecordLookup outcome = result.records().get(type);
            assertThat(lookup.getName()).isEqualTo("lookup_" + type.toLowerCase() + "_record");
            assertThat(lookup.getTraceId()).isEqualTo(traceId);
            assertThat(lookup.getParentSpanId()).isEqualTo(all.getSpanId());
            assertThat(lookup.getAttributes().get(SpanAttributes.DNS_RCODE)).isEqualTo(outcome.rcode().name());
            assertThat(lookup.getAttributes().get(SpanAttributes.DNS_ANSWER_COUNT)).isEqualTo((long) outcome.answers().size());
            assertThat(lookup.getAttributes().get(SpanAttributes.DNS_DOMAIN)).isEqualTo("geodig.test");
            assertThat(lookup.getAttributes().get(SpanAttributes.WORKER_LOCATION)).isEqualTo(LOCATION);
            // Joined before lookup_all_records ends.
            assertThat(lookup.getEndEpochNanos()).isLessThanOrEqualTo(all.getEndEpochNanos());
            assertThat(lookup.getStartEpochNanos()).isGreaterThanOrEqualTo(all.getStartEpochNanos());
        }
        // The lookups overlap: every one started before the first one ended.
        long lastStart = lookups.stream().mapToLong(SpanData::getStartEpochNanos).max().orElseThrow();
        long firstEnd = lookups.stream().mapToLong(SpanData::getEndEpochNanos).min().orElseThrow();
        assertThat(lastStart).isLessThan(firstEnd);
        assertThat(result.records().get("AAAA").rcode()).isEqualTo(Rcode.NODATA);
        assertThat(result.records().get("MX").answers()).extracting(RecordLookup.Answer::value).contains("10 mx-us.geodig.test.");

        // publish_dns_result: a producer span under process_dns_task, naming the entry it wrote.
        assertThat(publishResult.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publishResult.getParentSpanId()).isEqualTo(process.getSpanId());
        assertThat(publishResult.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION_NAME)).isEqualTo("dns:results");
        assertThat(publishResult.getAttributes().get(SpanAttributes.MESSAGING_OPERATION_TYPE)).isEqualTo("send");
        assertThat(publishResult.getStartEpochNanos()).isGreaterThanOrEqualTo(all.getEndEpochNanos());

        // The result, records in the requested order, was on the stream when the task was acknowledged.
        assertThat(result.status()).isEqualTo(LocationStatus.SUCCESS);
        assertThat(result.records().keySet()).containsExactlyElementsOf(TYPES);
        assertThat(resultsSeenAtAck).singleElement().satisfies(entries -> {
            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(publishResult.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo(entry.getId());
                assertThat(MessageCodec.decodeResult(entry.getBody())).isEqualTo(result);
            });
        });
    }

    @Test
    void lookupDurationsAndTaskOutcomesAreRecordedAsMetrics() {
        processor(dns.address(), Duration.ofSeconds(2)).process("1-2", publish("nope.geodig.test", List.of("A", "MX")).task(), () -> { });

        MetricData duration = metric(WorkerMetrics.LOOKUP_DURATION);
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints()).extracting(HistogramPointData::getAttributes)
                .containsExactlyInAnyOrder(
                        Attributes.of(SpanAttributes.WORKER_LOCATION, LOCATION, SpanAttributes.DNS_RECORD_TYPE, "A", SpanAttributes.DNS_RCODE, "NXDOMAIN"),
                        Attributes.of(SpanAttributes.WORKER_LOCATION, LOCATION, SpanAttributes.DNS_RECORD_TYPE, "MX", SpanAttributes.DNS_RCODE, "NXDOMAIN"));
        assertThat(duration.getHistogramData().getPoints()).allSatisfy(point -> assertThat(point.getCount()).isEqualTo(1));
        LongPointData processed = metric(WorkerMetrics.TASKS_PROCESSED).getLongSumData().getPoints().stream()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), List::getFirst));
        assertThat(processed.getValue()).isEqualTo(1);
        assertThat(processed.getAttributes().get(SpanAttributes.RESULT_STATUS)).isEqualTo("success");
    }

    @Test
    void lookupsWithoutAnyAnswerMakeAnErrorResultAndErrorSpans() {
        DnsResult result = processor(dns.silentAddress(), Duration.ofMillis(150))
                .process("1-3", publish("www.geodig.test", List.of("A", "AAAA")).task(), () -> { });

        assertThat(result.status()).isEqualTo(LocationStatus.ERROR);
        assertThat(result.records().values()).extracting(RecordLookup::rcode).containsOnly(Rcode.TIMEOUT);
        assertThat(result.error()).contains("A: TIMEOUT").contains("AAAA: TIMEOUT");
        SpanData process = only("process_dns_task");
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(process.getAttributes().get(SpanAttributes.RESULT_STATUS)).isEqualTo("error");
        assertThat(only("lookup_all_records").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans(s -> s.getName().equals("lookup_a_record") || s.getName().equals("lookup_aaaa_record")))
                .hasSize(2)
                .allSatisfy(s -> {
                    assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
                    assertThat(s.getAttributes().get(SpanAttributes.DNS_RCODE)).isEqualTo("TIMEOUT");
                });
        // Published all the same: the orchestrator learns of the failure instead of waiting for a deadline.
        assertThat(redis.commands().xlen(Streams.RESULTS)).isEqualTo(1);
    }

    @Test
    void someLookupsFailingMakeAPartialResult() {
        DnsResult result = processor(dns.address(), Duration.ofSeconds(2))
                .process("1-4", publish("www.geodig.test", List.of("A", "NOTATYPE")).task(), () -> { });

        assertThat(result.status()).isEqualTo(LocationStatus.PARTIAL);
        assertThat(result.records().get("A").rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(result.records().get("NOTATYPE").rcode()).isEqualTo(Rcode.ERROR);
        assertThat(only("process_dns_task").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(only("lookup_notatype_record").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aTaskReadTooLateIsAcknowledgedUnderAnExpiredSpanWithoutLookupsOrResult() {
        Published published = publish("www.geodig.test", TYPES, Instant.now().minusSeconds(30));
        TaskProcessor processor = processor(dns.address(), Duration.ofSeconds(2));
        List<String> acks = new ArrayList<>();

        assertThat(processor.tooLate(published.task(), Instant.now())).isTrue();
        processor.expire("1-7", published.task(), () -> acks.add("acked"));

        assertThat(acks).containsExactly("acked");
        SpanData process = only("process_dns_task");
        // Where it would be had the task come in time: in the request's trace, under publish_dns_task.
        assertThat(process.getTraceId()).isEqualTo(published.producer().getSpanContext().getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(published.producer().getSpanContext().getSpanId());
        assertThat(process.getAttributes().get(SpanAttributes.TASK_EXPIRED)).isTrue();
        assertThat(process.getAttributes().get(SpanAttributes.TASK_DEADLINE)).isEqualTo(published.task().deadline().toString());
        assertThat(process.getAttributes().get(SpanAttributes.RESULT_STATUS)).isNull();
        // An expired task is not a failure of this worker.
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(spans(s -> s.getName().startsWith("lookup_") || s.getName().equals("publish_dns_result"))).isEmpty();
        assertThat(redis.commands().xlen(Streams.RESULTS)).isZero();
        assertThat(otel.getMetrics().stream().filter(m -> m.getName().equals(WorkerMetrics.LOOKUP_DURATION))).isEmpty();
        LongPointData expired = metric(WorkerMetrics.TASKS_EXPIRED).getLongSumData().getPoints().iterator().next();
        assertThat(expired.getValue()).isEqualTo(1);
        assertThat(expired.getAttributes()).isEqualTo(Attributes.of(SpanAttributes.WORKER_LOCATION, LOCATION));
    }

    @Test
    void aTaskIsTooLateOnceLessThanTheResultMarginIsLeft() {
        TaskProcessor processor = processor(dns.address(), Duration.ofSeconds(2));
        Instant now = Instant.now();

        assertThat(processor.tooLate(publish("a.geodig.test", TYPES, now.plus(MARGIN).plusMillis(1)).task(), now)).isFalse();
        assertThat(processor.tooLate(publish("a.geodig.test", TYPES, now.plus(MARGIN)).task(), now)).isTrue();
        // The design's task has no deadline: never too late.
        assertThat(processor.tooLate(publish("a.geodig.test", TYPES).task(), now.plusSeconds(3600))).isFalse();
    }

    @Test
    void lookupsAtASilentServerStopAtTheTasksDeadlineNotAfterTheirTimeouts() {
        // Two attempts of 2 s each would take 4 s; the task has 600 ms, less the 100 ms margin.
        Duration timeout = Duration.ofSeconds(2);
        RecordResolver records = new RecordResolver(List.of(WorkerProperties.parseHostPort(dns.silentAddress())), timeout, 1);
        Tracer workerTracer = otel.getOpenTelemetry().getTracer("dev.geodig.worker");
        TaskProcessor processor = new TaskProcessor(workerTracer, otel.getOpenTelemetry().getPropagators().getTextMapPropagator(),
                records, new ResultPublisher(redis.commands(), workerTracer, 1000), new WorkerMetrics(otel.getOpenTelemetry(), LOCATION),
                LOCATION, MARGIN, InjectedFaults.none(), () -> { });
        Instant deadline = Instant.now().plusMillis(600);

        DnsResult result = processor.process("1-8", publish("www.geodig.test", List.of("A", "AAAA"), deadline).task(), () -> { });
        Instant published = Instant.now();

        assertThat(result.status()).isEqualTo(LocationStatus.ERROR);
        assertThat(result.records().values()).allSatisfy(lookup -> {
            assertThat(lookup.rcode()).isEqualTo(Rcode.TIMEOUT);
            assertThat(lookup.error()).contains("deadline");
            assertThat(lookup.durationMs()).isLessThan(timeout.toMillis());
        });
        // Published around the deadline (before it, unless the test runs on a heavily loaded machine: the margin is
        // 100 ms), far from the 4 s the two attempts would have taken: the orchestrator gets this location's TIMEOUTs, not nothing.
        assertThat(published).isBefore(deadline.plus(timeout));
        assertThat(redis.commands().xlen(Streams.RESULTS)).isEqualTo(1);
        assertThat(only("process_dns_task").getAttributes().get(SpanAttributes.TASK_DEADLINE)).isEqualTo(deadline.toString());
    }

    @Test
    void taskWithoutTraceContextStartsItsOwnTraceWithoutLink() {
        DnsTask untraced = new DnsTask("0af7651916cd43dd8448eb211c80319c", "0af7651916cd43dd8448eb211c80319c",
                "www.geodig.test", List.of("A"), List.of(LOCATION), Instant.now(), null, Map.of());

        DnsResult result = processor(dns.address(), Duration.ofSeconds(2)).process("1-5", untraced, () -> { });

        SpanData process = only("process_dns_task");
        assertThat(process.getParentSpanContext().isValid()).isFalse();
        assertThat(process.getLinks()).isEmpty();
        // The result still carries the task's correlation id, so the orchestrator can match it.
        assertThat(result.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(result.status()).isEqualTo(LocationStatus.SUCCESS);
    }

    @Test
    void failedPublishLeavesTheTaskUnacknowledgedAndTheSpanInError() {
        RecordResolver records = new RecordResolver(List.of(WorkerProperties.parseHostPort(dns.address())), Duration.ofSeconds(2), 0);
        Tracer workerTracer = otel.getOpenTelemetry().getTracer("dev.geodig.worker");
        RedisClient closedClient = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> closed = closedClient.connect();
        closed.close();
        TaskProcessor processor = new TaskProcessor(workerTracer, otel.getOpenTelemetry().getPropagators().getTextMapPropagator(),
                records, new ResultPublisher(closed.sync(), workerTracer, 1000), new WorkerMetrics(otel.getOpenTelemetry(), LOCATION), LOCATION,
                MARGIN, InjectedFaults.none(), () -> { });
        List<String> acks = new ArrayList<>();

        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    processor.process("1-6", publish("www.geodig.test", List.of("A")).task(), () -> acks.add("acked")))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            closedClient.shutdown();
        }

        assertThat(acks).isEmpty();
        assertThat(only("process_dns_task").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(only("publish_dns_result").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    private List<SpanData> spans(Predicate<SpanData> filter) {
        return otel.getSpans().stream().filter(filter).toList();
    }

    private SpanData only(String name) {
        List<SpanData> named = spans(s -> s.getName().equals(name));
        assertThat(named).as("spans named %s", name).hasSize(1);
        return named.getFirst();
    }

    private MetricData metric(String name) {
        return otel.getMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + otel.getMetrics()));
    }

}
