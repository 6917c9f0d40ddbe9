package dev.geodig.orchestrator.lookup;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.contract.Streams;
import dev.geodig.telemetry.TraceContextCarrier;
import dev.geodig.orchestrator.results.GatheredResults;
import dev.geodig.orchestrator.results.ResultCollector;
import dev.geodig.orchestrator.results.ResultWait;
import dev.geodig.orchestrator.tasks.TaskPublisher;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lookup, as the seed traces it: {@code orchestrate_dns_lookup} around {@code publish_dns_task}
 * (the single XADD) and {@code wait_for_results}. The trace id is the correlation id: it is the
 * task's {@code task_id} and {@code trace_id}, and the key results are gathered by.
 */
public final class LookupOrchestration {

    public static final String ORCHESTRATE_SPAN = "orchestrate_dns_lookup";
    public static final String PUBLISH_SPAN = "publish_dns_task";
    public static final String WAIT_SPAN = "wait_for_results";
    public static final String INSTRUMENTATION_SCOPE = "dev.geodig.orchestrator";

    public static final AttributeKey<Long> LOCATIONS_EXPECTED = AttributeKey.longKey("locations.expected");
    public static final AttributeKey<Long> LOCATIONS_RECEIVED = AttributeKey.longKey("locations.received");
    public static final AttributeKey<String> RESULTS_MODE = AttributeKey.stringKey("results.mode");

    private static final Logger log = LoggerFactory.getLogger(LookupOrchestration.class);

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final TaskPublisher publisher;
    private final ResultCollector collector;
    private final LookupMetrics metrics;
    private final Duration resultDeadline;

    public LookupOrchestration(OpenTelemetry openTelemetry, TaskPublisher publisher, ResultCollector collector,
            LookupMetrics metrics, Duration resultDeadline) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.publisher = publisher;
        this.collector = collector;
        this.metrics = metrics;
        this.resultDeadline = resultDeadline;
    }

    /** Runs a lookup for an already validated and normalized request. */
    public LookupReport lookup(LookupRequest request) {
        long startNanos = System.nanoTime();
        Instant deadline = Instant.now().plus(resultDeadline);
        String status = "error";
        // Parent: the current context, i.e. the agent's HTTP server span of this request.
        Span orchestrate = tracer.spanBuilder(ORCHESTRATE_SPAN).setSpanKind(SpanKind.INTERNAL).startSpan();
        try (Scope ignored = orchestrate.makeCurrent()) {
            String traceId = correlationId();
            orchestrate.setAttribute(SpanAttributes.TRACE_ID, traceId);
            orchestrate.setAttribute(SpanAttributes.TASK_ID, traceId);
            orchestrate.setAttribute(SpanAttributes.DNS_DOMAIN, request.domain());
            orchestrate.setAttribute(RESULTS_MODE, collector.mode().configName());
            // Registered BEFORE the XADD: a worker may answer before XADD even returns here.
            try (ResultWait wait = collector.expect(traceId, request.locations())) {
                publish(traceId, request, deadline);
                GatheredResults gathered = waitForResults(wait, deadline);
                status = gathered.status().wireName();
                orchestrate.setAttribute(SpanAttributes.RESULT_STATUS, status);
                return report(traceId, request, gathered, elapsedMs(startNanos));
            }
        } catch (RuntimeException e) {
            recordFailure(orchestrate, e);
            throw e;
        } finally {
            orchestrate.end();
            metrics.lookupFinished(status, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    /** @param deadline when this lookup stops waiting: the task carries it, so no worker works past it */
    private void publish(String traceId, LookupRequest request, Instant deadline) {
        Span span = tracer.spanBuilder(PUBLISH_SPAN)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.SYSTEM_REDIS)
                .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(SpanAttributes.MESSAGING_OPERATION_NAME, "xadd")
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION_NAME, Streams.TASKS)
                .setAttribute(SpanAttributes.TRACE_ID, traceId)
                .setAttribute(SpanAttributes.TASK_ID, traceId)
                .setAttribute(SpanAttributes.DNS_DOMAIN, request.domain())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            // The workers' spans hang under publish_dns_task: inject its context, not the parent's.
            Map<String, String> traceContext = TraceContextCarrier.inject(
                    openTelemetry.getPropagators().getTextMapPropagator(), Context.current());
            // Milliseconds, rounded down: the deadline on the wire is never later than the one waited for here.
            DnsTask task = new DnsTask(traceId, traceId, request.domain(), request.recordTypes(), request.locations(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), deadline.truncatedTo(ChronoUnit.MILLIS), traceContext);
            String entryId = publisher.publish(task);
            span.setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, entryId);
            log.info("published task {} for {} to {} as {}", traceId, request.domain(), request.locations(), entryId);
        } catch (RuntimeException e) {
            recordFailure(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private GatheredResults waitForResults(ResultWait wait, Instant deadline) {
        Span span = tracer.spanBuilder(WAIT_SPAN).setSpanKind(SpanKind.INTERNAL).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            GatheredResults gathered = wait.await(deadline);
            span.setAttribute(LOCATIONS_EXPECTED, (long) gathered.expected().size());
            span.setAttribute(LOCATIONS_RECEIVED, (long) gathered.received().size());
            span.setAttribute(SpanAttributes.RESULT_STATUS, gathered.status().wireName());
            if (!gathered.missing().isEmpty()) {
                log.info("no result within {} from {}", resultDeadline, gathered.missing());
            }
            return gathered;
        } catch (RuntimeException e) {
            recordFailure(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks the span failed with the exception; the caller still rethrows it. */
    private static void recordFailure(Span span, RuntimeException e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }

    private LookupReport report(String traceId, LookupRequest request, GatheredResults gathered, long durationMs) {
        Map<String, LocationReport> byLocation = new LinkedHashMap<>();
        for (String location : request.locations()) {
            var result = gathered.received().get(location);
            byLocation.put(location, result != null ? LocationReport.of(result) : LocationReport.timedOut(resultDeadline.toMillis()));
        }
        return new LookupReport(traceId, gathered.status(), request.domain(), List.copyOf(request.recordTypes()),
                byLocation, durationMs);
    }

    /**
     * The current trace id, as the seed takes it. Without any tracing installed (no agent, no SDK)
     * every trace id would be all zeros and every lookup would collide on it; a random id keeps the
     * orchestrator correct in that case, only without a trace to look at.
     */
    private static String correlationId() {
        var spanContext = Span.current().getSpanContext();
        if (spanContext.isValid()) {
            return spanContext.getTraceId();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[16];
        random.nextBytes(id);
        id[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(id);
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
