package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.DNS_DOMAIN;
import static dev.geodig.telemetry.SpanAttributes.PROCESSING_TIME_MS;
import static dev.geodig.telemetry.SpanAttributes.RESULT_STATUS;
import static dev.geodig.telemetry.SpanAttributes.TASK_DEADLINE;
import static dev.geodig.telemetry.SpanAttributes.TASK_EXPIRED;
import static dev.geodig.telemetry.SpanAttributes.TASK_ID;
import static dev.geodig.telemetry.SpanAttributes.TRACE_ID;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.Streams;
import dev.geodig.telemetry.InSpan;
import dev.geodig.telemetry.MessagingSpans;
import dev.geodig.telemetry.TraceContextCarrier;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does one task for this location: the {@code process_dns_task} span in the request's trace, every
 * record type looked up at once, the result published, then the task acknowledged.
 *
 * <p>A task read too late to be answered (past its deadline, or closer to it than {@code result-margin}) is
 * acknowledged without DNS work instead ({@link #expire}). It still gets its {@code process_dns_task} span,
 * marked {@code geodig.task.expired=true}, with the XACK under it and no lookup spans: the lookup's trace
 * already exists, and its location shows as a timeout there; the span says why (the task reached this worker
 * after its deadline, and when) at the cost of one span in an existing trace, never a new trace.
 */
final class TaskProcessor {

    private static final Logger log = LoggerFactory.getLogger(TaskProcessor.class);

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final AllRecordsLookup lookups;
    private final ResultPublisher publisher;
    private final WorkerMetrics metrics;
    private final String location;
    private final Duration resultMargin;

    /** @param resultMargin how long before a task's deadline its lookups stop, so the result still arrives in time */
    TaskProcessor(Tracer tracer, TextMapPropagator propagator, RecordResolver resolver, ResultPublisher publisher,
            WorkerMetrics metrics, String location, Duration resultMargin) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.lookups = new AllRecordsLookup(tracer, resolver, metrics, location);
        this.publisher = publisher;
        this.metrics = metrics;
        this.location = location;
        this.resultMargin = resultMargin;
    }

    /** Whether {@code task}, read at {@code now}, can no longer be answered before its deadline. */
    boolean tooLate(DnsTask task, Instant now) {
        return task.expiredAt(now.plus(resultMargin));
    }

    /**
     * Acknowledges a task that came too late, without looking anything up or publishing a result: the
     * orchestrator has stopped waiting. A backlog of such tasks (after a worker or Redis outage) drains at
     * the speed of XACK, not of DNS.
     *
     * @param acknowledge the XACK of the task, run inside the {@code process_dns_task} span
     */
    void expire(String messageId, DnsTask task, Runnable acknowledge) {
        InSpan.run(startProcessSpan(messageId, task), span -> {
            span.setAttribute(TASK_EXPIRED, true);
            acknowledge.run();
            metrics.taskExpired();
            log.debug("task {} for {} expired: deadline {}, read at {} (result-margin {}); acknowledged without DNS work",
                    messageId, task.domain(), task.deadline(), Instant.now(), resultMargin);
        });
    }

    /**
     * Looks up, publishes the result, and only then runs {@code acknowledge}: a crash in between leaves the
     * task pending, to be done again (at least once), never acknowledged without a result.
     *
     * @param messageId the task's entry id in {@code dns:tasks}
     * @param acknowledge the XACK of the task; it runs inside {@code process_dns_task}, so it is part of the trace
     * @throws RuntimeException when the result cannot be published; the task is then not acknowledged
     */
    DnsResult process(String messageId, DnsTask task, Runnable acknowledge) {
        long started = System.nanoTime();
        Instant doneBy = task.deadline() == null ? null : task.deadline().minus(resultMargin);
        return InSpan.call(startProcessSpan(messageId, task), span -> {
            Map<String, RecordLookup> records = lookups.lookUp(task, doneBy);
            long processingMs = (System.nanoTime() - started) / 1_000_000;
            LocationStatus status = AllRecordsLookup.statusOf(records);
            DnsResult result = new DnsResult(task.taskId(), task.traceId(), location, task.domain(), status,
                    records, processingMs, AllRecordsLookup.errorSummary(records));
            span.setAttribute(RESULT_STATUS, status.wireName());
            span.setAttribute(PROCESSING_TIME_MS, processingMs);
            if (status == LocationStatus.ERROR) {
                span.setStatus(StatusCode.ERROR, result.error());
            }
            publisher.publish(result);
            acknowledge.run();
            metrics.taskDone(status.wireName());
            log.info("task {} for {} done: {} in {} ms", messageId, task.domain(), status.wireName(), processingMs);
            return result;
        });
    }

    /** {@code process_dns_task}, the child of the publisher's span carried in the task, and linked to it. */
    private Span startProcessSpan(String messageId, DnsTask task) {
        Context producer = TraceContextCarrier.extract(propagator, task.traceContext());
        SpanBuilder builder = MessagingSpans.process(tracer, "process_dns_task", Streams.TASKS,
                        Streams.workerGroup(location), messageId, producer)
                .setAttribute(TASK_ID, task.taskId())
                .setAttribute(DNS_DOMAIN, task.domain())
                .setAttribute(WORKER_LOCATION, location);
        if (task.deadline() != null) {
            builder.setAttribute(TASK_DEADLINE, task.deadline().toString());
        }
        Span span = builder.startSpan();
        // The correlation id docs/architecture.md names: the trace id, known once the span has started.
        span.setAttribute(TRACE_ID, span.getSpanContext().getTraceId());
        return span;
    }
}
