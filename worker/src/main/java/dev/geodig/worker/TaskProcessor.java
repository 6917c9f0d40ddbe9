package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.DNS_DOMAIN;
import static dev.geodig.telemetry.SpanAttributes.FAULT_INJECTED;
import static dev.geodig.telemetry.SpanAttributes.PROCESSING_TIME_MS;
import static dev.geodig.telemetry.SpanAttributes.RESULT_STATUS;
import static dev.geodig.telemetry.SpanAttributes.TASK_DEADLINE;
import static dev.geodig.telemetry.SpanAttributes.TASK_EXPIRED;
import static dev.geodig.telemetry.SpanAttributes.TASK_ID;
import static dev.geodig.telemetry.SpanAttributes.TRACE_ID;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.boot.faults.InjectedFaultException;
import dev.geodig.boot.faults.InjectedFaults;
import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.Streams;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.telemetry.InSpan;
import dev.geodig.telemetry.MessagingSpans;
import dev.geodig.telemetry.TraceContextCarrier;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private final InjectedFaults faults;
    private final Runnable exit;

    /**
     * @param resultMargin how long before a task's deadline its lookups stop, so the result still arrives in time
     * @param faults the injected faults, asked once per task
     * @param exit ends this worker's process, for the injected fault worker-exit (run after the task's span ended)
     */
    TaskProcessor(Tracer tracer, TextMapPropagator propagator, RecordResolver resolver, ResultPublisher publisher,
            WorkerMetrics metrics, String location, Duration resultMargin, InjectedFaults faults, Runnable exit) {
        this.faults = faults;
        this.exit = exit;
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
        return process(messageId, task, acknowledge, true);
    }

    /**
     * As {@link #process(String, DnsTask, Runnable)}, unless an injected fault acts (see docs/faults.md): the worker
     * exits without acknowledging (only on a task's first delivery, so the task is done when it is claimed again),
     * drops the task (acknowledged, no result), or fails it (an {@code error} result, saying why).
     *
     * @return the result published; {@code null} when the task was dropped or the worker exits
     */
    DnsResult process(String messageId, DnsTask task, Runnable acknowledge, boolean firstDelivery) {
        long started = System.nanoTime();
        Instant doneBy = task.deadline() == null ? null : task.deadline().minus(resultMargin);
        boolean[] exiting = {false};
        DnsResult published = InSpan.call(startProcessSpan(messageId, task), span -> {
            TaskFaults acting = TaskFaults.asked(faults, location, task.traceId());
            if (acting.exit().isPresent() && firstDelivery) {
                exiting[0] = true;
                injected(span, acting.exit().get(), "the worker exits before doing the task; it stays pending, to be claimed");
                return null;
            }
            if (acting.drop().isPresent()) {
                injected(span, acting.drop().get(), "the worker dropped the task: no result");
                acknowledge.run();
                metrics.taskDone(WorkerMetrics.DROPPED);
                return null;
            }
            Map<String, RecordLookup> records = acting.fail().isPresent()
                    ? failAll(span, task, acting.fail().get())
                    : lookups.lookUp(task, doneBy, acting);
            long processingMs = (System.nanoTime() - started) / 1_000_000;
            LocationStatus status = AllRecordsLookup.statusOf(records);
            // A failed task says why once, not once per record type.
            String error = acting.fail().map(TaskProcessor::failedTask).orElseGet(() -> AllRecordsLookup.errorSummary(records));
            DnsResult result = new DnsResult(task.taskId(), task.traceId(), location, task.domain(), status,
                    records, processingMs, error);
            span.setAttribute(RESULT_STATUS, status.wireName());
            span.setAttribute(PROCESSING_TIME_MS, processingMs);
            if (status == LocationStatus.ERROR && acting.fail().isEmpty()) {
                InSpan.failed(span, AllRecordsLookup.firstFailure(records), result.error());
            }
            publisher.publish(result);
            acknowledge.run();
            metrics.taskDone(status.wireName());
            log.info("task {} for {} done: {} in {} ms", messageId, task.domain(), status.wireName(), processingMs);
            return result;
        });
        if (exiting[0]) {
            exit.run();
        }
        return published;
    }

    /** Marks the task's span with the fault that acted, as an exception would: ERROR, error.type, an exception event. */
    private void injected(Span span, FaultSetting setting, String what) {
        InjectedFaultException fault = new InjectedFaultException(setting, what);
        span.setAttribute(FAULT_INJECTED, setting.fault().key());
        InSpan.failed(span, fault);
        log.warn("{}", fault.getMessage());
    }

    private static String failedTask(FaultSetting setting) {
        return "injected fault " + setting.describe() + ": the worker failed the task";
    }

    /** The injected fault worker-fail: no DNS work, every type an error saying so, and the span failed by it. */
    private Map<String, RecordLookup> failAll(Span span, DnsTask task, FaultSetting setting) {
        injected(span, setting, "the worker failed the task");
        String why = "not looked up: injected fault " + setting.fault().key();
        Map<String, RecordLookup> records = new LinkedHashMap<>();
        for (String type : task.recordTypes()) {
            records.put(type.toUpperCase(Locale.ROOT), new RecordLookup(Rcode.ERROR, List.of(), 0, why));
        }
        return records;
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
