package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.DNS_DOMAIN;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_CONSUMER_GROUP_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_DESTINATION_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_MESSAGE_ID;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_OPERATION_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_OPERATION_TYPE;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_SYSTEM;
import static dev.geodig.telemetry.SpanAttributes.PROCESSING_TIME_MS;
import static dev.geodig.telemetry.SpanAttributes.RESULT_STATUS;
import static dev.geodig.telemetry.SpanAttributes.TASK_ID;
import static dev.geodig.telemetry.SpanAttributes.TRACE_ID;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.Rcode;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.Streams;
import dev.geodig.telemetry.TraceContextCarrier;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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

    private static final AttributeKey<String> OPENTRACING_REF_TYPE = AttributeKey.stringKey("opentracing.ref_type");

    static final AttributeKey<String> RECORD_TYPE = WorkerMetrics.RECORD_TYPE;
    static final AttributeKey<String> RCODE = WorkerMetrics.RCODE;
    static final AttributeKey<Long> ANSWER_COUNT = AttributeKey.longKey("dns.answer_count");
    /** The task's deadline (ISO-8601), on every {@code process_dns_task} of a task that has one. */
    static final AttributeKey<String> TASK_DEADLINE = AttributeKey.stringKey("geodig.task.deadline");
    /** {@code true} on the span of a task acknowledged without work because it came too late. */
    static final AttributeKey<Boolean> TASK_EXPIRED = AttributeKey.booleanKey("geodig.task.expired");

    private static final Logger log = LoggerFactory.getLogger(TaskProcessor.class);

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final RecordResolver resolver;
    private final ResultPublisher publisher;
    private final WorkerMetrics metrics;
    private final String location;
    private final Duration resultMargin;

    /** @param resultMargin how long before a task's deadline its lookups stop, so the result still arrives in time */
    TaskProcessor(Tracer tracer, TextMapPropagator propagator, RecordResolver resolver, ResultPublisher publisher,
            WorkerMetrics metrics, String location, Duration resultMargin) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.resolver = resolver;
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
        Span span = startProcessSpan(messageId, task);
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute(TRACE_ID, span.getSpanContext().getTraceId());
            span.setAttribute(TASK_EXPIRED, true);
            acknowledge.run();
            metrics.taskExpired();
            log.debug("task {} for {} expired: deadline {}, read at {} (result-margin {}); acknowledged without DNS work",
                    messageId, task.domain(), task.deadline(), Instant.now(), resultMargin);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
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
        Span span = startProcessSpan(messageId, task);
        try (Scope ignored = span.makeCurrent()) {
            // The seed's correlation id: the trace id, taken from the current span.
            span.setAttribute(TRACE_ID, span.getSpanContext().getTraceId());
            Map<String, RecordLookup> records = lookupAll(task, doneBy);
            long processingMs = (System.nanoTime() - started) / 1_000_000;
            LocationStatus status = statusOf(records);
            DnsResult result = new DnsResult(task.taskId(), task.traceId(), location, task.domain(), status,
                    records, processingMs, errorSummary(records));
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
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@code process_dns_task}, the child of the publisher's span carried in the task, and linked to it. */
    private Span startProcessSpan(String messageId, DnsTask task) {
        Context producer = TraceContextCarrier.extract(propagator, task.traceContext());
        SpanContext producerSpan = Span.fromContext(producer).getSpanContext();
        SpanBuilder builder = tracer.spanBuilder("process_dns_task")
                .setSpanKind(SpanKind.CONSUMER)
                // Parent AND link to the producer's context. The messaging conventions default to a link only,
                // because a batch consumer has many producers and so no single parent. We process one message
                // per span, where the conventions allow the producer as parent, and the seed wants one trace per
                // request: the parent gives that. The link keeps the conventional producer/consumer relation
                // visible to tools that follow links. (See docs for the decision.)
                .setParent(producer)
                .setAttribute(MESSAGING_SYSTEM, SpanAttributes.SYSTEM_REDIS)
                .setAttribute(MESSAGING_OPERATION_TYPE, "process")
                .setAttribute(MESSAGING_OPERATION_NAME, "process")
                .setAttribute(MESSAGING_DESTINATION_NAME, Streams.TASKS)
                .setAttribute(MESSAGING_CONSUMER_GROUP_NAME, Streams.workerGroup(location))
                .setAttribute(MESSAGING_MESSAGE_ID, messageId)
                .setAttribute(TASK_ID, task.taskId())
                .setAttribute(DNS_DOMAIN, task.domain())
                .setAttribute(WORKER_LOCATION, location);
        if (producerSpan.isValid()) {
            // Typed child_of (the OpenTracing compatibility convention): Jaeger types the one reference it
            // keeps for a parent that is also linked by the link's type, and an untyped link reads as
            // FOLLOWS_FROM there; typed, Jaeger shows the worker's span as the child it is.
            builder.addLink(producerSpan, Attributes.of(OPENTRACING_REF_TYPE, "child_of"));
        }
        if (task.deadline() != null) {
            builder.setAttribute(TASK_DEADLINE, task.deadline().toString());
        }
        return builder.startSpan();
    }

    /** One lookup per record type, all at once on virtual threads; returns when every one is done. */
    private Map<String, RecordLookup> lookupAll(DnsTask task, Instant doneBy) {
        List<String> types = new ArrayList<>(new LinkedHashSet<>(
                task.recordTypes().stream().map(t -> t.toUpperCase(Locale.ROOT)).toList()));
        Span all = tracer.spanBuilder("lookup_all_records")
                .setAttribute(DNS_DOMAIN, task.domain())
                .setAttribute(WORKER_LOCATION, location)
                .startSpan();
        try (Scope ignored = all.makeCurrent()) {
            Context parent = Context.current();
            // Every lookup span starts before any lookup runs: the spans then show the fan-out as it is, all
            // lookups pending at once, and a slow-to-start virtual thread cannot make an early lookup end
            // before a later one's span began.
            List<Span> spans = types.stream().map(type -> startLookupSpan(parent, type, task.domain())).toList();
            List<Future<RecordLookup>> lookups = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < types.size(); i++) {
                    String type = types.get(i);
                    // The context goes to the virtual thread explicitly: thread-locals do not cross threads.
                    Context lookupContext = parent.with(spans.get(i));
                    lookups.add(threads.submit(lookupContext.wrap(() -> lookup(task.domain(), type, doneBy))));
                }
            } // close() waits for every lookup
            Map<String, RecordLookup> records = new LinkedHashMap<>();
            for (int i = 0; i < types.size(); i++) {
                records.put(types.get(i), outcome(lookups.get(i)));
            }
            if (statusOf(records) == LocationStatus.ERROR) {
                all.setStatus(StatusCode.ERROR, errorSummary(records));
            }
            return records;
        } finally {
            all.end();
        }
    }

    private Span startLookupSpan(Context parent, String type, String domain) {
        return tracer.spanBuilder("lookup_" + type.toLowerCase(Locale.ROOT) + "_record")
                .setParent(parent)
                .setAttribute(RECORD_TYPE, type)
                .setAttribute(DNS_DOMAIN, domain)
                .setAttribute(WORKER_LOCATION, location)
                .startSpan();
    }

    /** Runs on a virtual thread, with its lookup span current; ends that span. */
    private RecordLookup lookup(String domain, String type, Instant doneBy) {
        Span span = Span.current();
        try {
            RecordLookup lookup = resolver.lookup(domain, type, doneBy);
            span.setAttribute(RCODE, lookup.rcode().name());
            span.setAttribute(ANSWER_COUNT, (long) lookup.answers().size());
            // NXDOMAIN, REFUSED and the like are answers (this location's view), so only a missing answer is an error.
            if (!lookup.answered()) {
                span.setStatus(StatusCode.ERROR, lookup.rcode() + ": " + lookup.error());
            }
            metrics.lookupDone(type, lookup.rcode().name(), lookup.durationMs());
            return lookup;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    // The resolver never throws; this is for the unexpected, so one failed lookup still leaves a result.
    private static RecordLookup outcome(Future<RecordLookup> lookup) {
        return switch (lookup.state()) {
            case SUCCESS -> lookup.resultNow();
            case FAILED -> new RecordLookup(Rcode.ERROR, List.of(), 0, String.valueOf(lookup.exceptionNow()));
            default -> new RecordLookup(Rcode.ERROR, List.of(), 0, "lookup did not finish");
        };
    }

    /** success: every type got an answer (any rcode); error: none did; partial: some did. */
    static LocationStatus statusOf(Map<String, RecordLookup> records) {
        long answered = records.values().stream().filter(RecordLookup::answered).count();
        if (answered == records.size()) {
            return LocationStatus.SUCCESS;
        }
        return answered == 0 ? LocationStatus.ERROR : LocationStatus.PARTIAL;
    }

    private static String errorSummary(Map<String, RecordLookup> records) {
        String summary = records.entrySet().stream()
                .filter(e -> !e.getValue().answered())
                .map(e -> e.getKey() + ": " + e.getValue().rcode() + " (" + e.getValue().error() + ")")
                .collect(Collectors.joining("; "));
        return summary.isEmpty() ? null : summary;
    }
}
