package dev.geodig.orchestrator.lookup;

import static dev.geodig.telemetry.SpanAttributes.DNS_DOMAIN;
import static dev.geodig.telemetry.SpanAttributes.FAULT_INJECTED;
import static dev.geodig.telemetry.SpanAttributes.LOCATIONS_EXPECTED;
import static dev.geodig.telemetry.SpanAttributes.LOCATIONS_RECEIVED;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_MESSAGE_ID;
import static dev.geodig.telemetry.SpanAttributes.RESULTS_MODE;
import static dev.geodig.telemetry.SpanAttributes.RESULT_STATUS;
import static dev.geodig.telemetry.SpanAttributes.TASK_ID;
import static dev.geodig.telemetry.SpanAttributes.TRACE_ID;

import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.Streams;
import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.orchestrator.results.GatheredResults;
import dev.geodig.orchestrator.results.ResultCollector;
import dev.geodig.orchestrator.results.ResultWait;
import dev.geodig.orchestrator.tasks.TaskPublisher;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.telemetry.InSpan;
import dev.geodig.telemetry.MessagingSpans;
import dev.geodig.telemetry.SpanNames;
import dev.geodig.telemetry.TraceContextCarrier;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
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
 * One lookup, traced as docs/architecture.md shows: {@code orchestrate_dns_lookup} around {@code publish_dns_task}
 * (the single XADD) and {@code wait_for_results}. The trace id is the correlation id: it is the
 * task's {@code task_id} and {@code trace_id}, and the key results are gathered by.
 */
public final class LookupOrchestration {

    public static final String ORCHESTRATE_SPAN = SpanNames.ORCHESTRATE_DNS_LOOKUP;
    public static final String PUBLISH_SPAN = "publish_dns_task";
    public static final String WAIT_SPAN = SpanNames.WAIT_FOR_RESULTS;
    public static final String INSTRUMENTATION_SCOPE = "dev.geodig.orchestrator";

    private static final Logger log = LoggerFactory.getLogger(LookupOrchestration.class);

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final TaskPublisher publisher;
    private final ResultCollector collector;
    private final LookupMetrics metrics;
    private final Duration resultDeadline;
    private final InjectedFaults faults;

    /** @param faults the injected faults: the orchestrator asks for its own, orchestrator-delay, once per lookup */
    public LookupOrchestration(OpenTelemetry openTelemetry, TaskPublisher publisher, ResultCollector collector,
            LookupMetrics metrics, Duration resultDeadline, InjectedFaults faults) {
        this.faults = faults;
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
        // A lookup that threw has no report status; the metric still counts it.
        String status = "error";
        // Parent: the current context, i.e. the agent's HTTP server span of this request.
        Span orchestrate = tracer.spanBuilder(ORCHESTRATE_SPAN).setSpanKind(SpanKind.INTERNAL).startSpan();
        try {
            LookupReport report = InSpan.call(orchestrate, span -> publishAndGather(span, request, startNanos));
            status = report.status().wireName();
            return report;
        } finally {
            metrics.lookupFinished(status, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    /** Inside {@code orchestrate_dns_lookup}: the task published, the results gathered, the report. */
    private LookupReport publishAndGather(Span orchestrate, LookupRequest request, long startNanos) {
        String traceId = correlationId();
        faults.acting(Fault.ORCHESTRATOR_DELAY, null, traceId).ifPresent(setting -> holdFor(orchestrate, setting));
        Instant deadline = Instant.now().plus(resultDeadline);
        orchestrate.setAttribute(TRACE_ID, traceId);
        orchestrate.setAttribute(TASK_ID, traceId);
        orchestrate.setAttribute(DNS_DOMAIN, request.domain());
        orchestrate.setAttribute(RESULTS_MODE, collector.mode().configName());
        // Registered BEFORE the XADD: a worker may answer before XADD even returns here.
        try (ResultWait wait = collector.expect(traceId, request.locations())) {
            publish(traceId, request, deadline);
            GatheredResults gathered = waitForResults(wait, deadline);
            orchestrate.setAttribute(RESULT_STATUS, gathered.status().wireName());
            return report(traceId, request, gathered, elapsedMs(startNanos));
        }
    }

    /**
     * The injected fault orchestrator-delay: this lookup waits before its task is published, as behind a stalled
     * orchestrator. Past the gateway's orchestrator-timeout the client gets a 504, while this lookup goes on: the
     * trace shows the work done for an answer nobody waits for any more.
     */
    private static void holdFor(Span orchestrate, FaultSetting setting) {
        orchestrate.setAttribute(FAULT_INJECTED, setting.fault().key());
        log.warn("holding the lookup {} ms before publishing (injected fault {})", setting.delayMs(), setting.describe());
        try {
            Thread.sleep(setting.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param deadline when this lookup stops waiting: the task carries it, so no worker works past it */
    private void publish(String traceId, LookupRequest request, Instant deadline) {
        SpanBuilder publish = MessagingSpans.send(tracer, PUBLISH_SPAN, Streams.TASKS)
                .setAttribute(TRACE_ID, traceId)
                .setAttribute(TASK_ID, traceId)
                .setAttribute(DNS_DOMAIN, request.domain());
        InSpan.run(publish.startSpan(), span -> {
            // The workers' spans hang under publish_dns_task: inject its context, not the parent's.
            Map<String, String> traceContext = TraceContextCarrier.inject(
                    openTelemetry.getPropagators().getTextMapPropagator(), Context.current());
            // Milliseconds, rounded down: the deadline on the wire is never later than the one waited for here.
            DnsTask task = new DnsTask(traceId, traceId, request.domain(), request.recordTypes(), request.locations(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), deadline.truncatedTo(ChronoUnit.MILLIS), traceContext);
            String entryId = publisher.publish(task);
            span.setAttribute(MESSAGING_MESSAGE_ID, entryId);
            log.info("published task {} for {} to {} as {}", traceId, request.domain(), request.locations(), entryId);
        });
    }

    private GatheredResults waitForResults(ResultWait wait, Instant deadline) {
        Span waiting = tracer.spanBuilder(WAIT_SPAN).setSpanKind(SpanKind.INTERNAL).startSpan();
        return InSpan.call(waiting, span -> {
            GatheredResults gathered = wait.await(deadline);
            span.setAttribute(LOCATIONS_EXPECTED, (long) gathered.expected().size());
            span.setAttribute(LOCATIONS_RECEIVED, (long) gathered.received().size());
            span.setAttribute(RESULT_STATUS, gathered.status().wireName());
            if (!gathered.missing().isEmpty()) {
                log.info("no result within {} from {}", resultDeadline, gathered.missing());
            }
            return gathered;
        });
    }

    private LookupReport report(String traceId, LookupRequest request, GatheredResults gathered, long durationMs) {
        Map<String, LocationReport> byLocation = new LinkedHashMap<>();
        for (String location : request.locations()) {
            var result = gathered.received().get(location);
            LocationReport locationReport = result != null ? LocationReport.of(result) : LocationReport.timedOut(resultDeadline.toMillis());
            byLocation.put(location, locationReport);
            metrics.locationReported(location, locationReport.status());
        }
        return new LookupReport(traceId, gathered.status(), request.domain(), List.copyOf(request.recordTypes()),
                byLocation, durationMs);
    }

    /**
     * The current trace id, the correlation id. Without any tracing installed (no agent, no SDK)
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
