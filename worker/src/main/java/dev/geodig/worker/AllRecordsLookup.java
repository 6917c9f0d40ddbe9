package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.DNS_ANSWER_COUNT;
import static dev.geodig.telemetry.SpanAttributes.DNS_DOMAIN;
import static dev.geodig.telemetry.SpanAttributes.DNS_ECS_SCOPE_PREFIX;
import static dev.geodig.telemetry.SpanAttributes.DNS_ECS_SUBNET;
import static dev.geodig.telemetry.SpanAttributes.DNS_RCODE;
import static dev.geodig.telemetry.SpanAttributes.DNS_RECORD_TYPE;
import static dev.geodig.telemetry.SpanAttributes.FAULT_INJECTED;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.faults.Fault;
import dev.geodig.telemetry.InSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
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

/**
 * Looks up every record type of a task at once, on virtual threads: {@code lookup_all_records} around one
 * {@code lookup_<type>_record} span per type, which overlap in the trace as the lookups do.
 */
final class AllRecordsLookup {

    private final Tracer tracer;
    private final RecordResolver resolver;
    private final WorkerMetrics metrics;
    private final String location;

    AllRecordsLookup(Tracer tracer, RecordResolver resolver, WorkerMetrics metrics, String location) {
        this.tracer = tracer;
        this.resolver = resolver;
        this.metrics = metrics;
        this.location = location;
    }

    /**
     * @param doneBy when the lookups must stop so the result still arrives in time; {@code null} for no limit
     * @return each requested type (upper case, once, in the requested order) with its outcome; returns when every one is done
     */
    Map<String, RecordLookup> lookUp(DnsTask task, Instant doneBy) {
        return lookUp(task, doneBy, TaskFaults.NONE);
    }

    /** @param faults the injected faults acting on this task: its queries slowed, or a record type answering SERVFAIL */
    Map<String, RecordLookup> lookUp(DnsTask task, Instant doneBy, TaskFaults faults) {
        List<String> types = new ArrayList<>(new LinkedHashSet<>(
                task.recordTypes().stream().map(t -> t.toUpperCase(Locale.ROOT)).toList()));
        Span all = tracer.spanBuilder("lookup_all_records")
                .setAttribute(DNS_DOMAIN, task.domain())
                .setAttribute(WORKER_LOCATION, location)
                .startSpan();
        return InSpan.call(all, span -> {
            Context parent = Context.current();
            // Every lookup span starts before any lookup runs, so all show pending at once and a slow-to-start
            // virtual thread cannot make an early lookup end before a later one's span began.
            List<Span> spans = types.stream().map(type -> startLookupSpan(parent, type, task.domain())).toList();
            List<Future<RecordLookup>> lookups = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < types.size(); i++) {
                    String type = types.get(i);
                    Span lookupSpan = spans.get(i);
                    // The context goes to the virtual thread explicitly: thread-locals do not cross threads.
                    lookups.add(threads.submit(parent.wrap(
                            () -> InSpan.call(lookupSpan, current -> lookup(current, task.domain(), type, doneBy, faults)))));
                }
            } // close() waits for every lookup
            Map<String, RecordLookup> records = new LinkedHashMap<>();
            for (int i = 0; i < types.size(); i++) {
                records.put(types.get(i), outcome(lookups.get(i)));
            }
            if (statusOf(records) == LocationStatus.ERROR) {
                InSpan.failed(span, firstFailure(records), errorSummary(records));
            }
            return records;
        });
    }

    private Span startLookupSpan(Context parent, String type, String domain) {
        return tracer.spanBuilder("lookup_" + type.toLowerCase(Locale.ROOT) + "_record")
                .setParent(parent)
                .setAttribute(DNS_RECORD_TYPE, type)
                .setAttribute(DNS_DOMAIN, domain)
                .setAttribute(WORKER_LOCATION, location)
                .startSpan();
    }

    /** Runs on a virtual thread, in its lookup span. */
    private RecordLookup lookup(Span span, String domain, String type, Instant doneBy, TaskFaults faults) {
        RecordLookup lookup = faults.servfails(type) ? injectedServfail(span, faults)
                : faults.dnsDelayMs() > 0 ? delayed(span, domain, type, doneBy, faults)
                : resolver.lookup(domain, type, doneBy);
        span.setAttribute(DNS_RCODE, lookup.rcode().name());
        span.setAttribute(DNS_ANSWER_COUNT, (long) lookup.answers().size());
        if (lookup.ecs() != null) {
            span.setAttribute(DNS_ECS_SUBNET, lookup.ecs().subnet());
            if (lookup.ecs().scopePrefix() != null) {
                span.setAttribute(DNS_ECS_SCOPE_PREFIX, lookup.ecs().scopePrefix().longValue());
            }
        }
        // NXDOMAIN, REFUSED and the like are answers (this location's view), so only a missing answer is an error.
        if (!lookup.answered()) {
            InSpan.failed(span, lookup.rcode().name(), lookup.error() == null ? lookup.rcode().name() : lookup.rcode() + ": " + lookup.error());
        }
        metrics.lookupDone(type, lookup.rcode().name(), lookup.durationMs());
        return lookup;
    }

    /** The injected fault dns-servfail: the location's DNS answers SERVFAIL for this type, without being asked. */
    private static RecordLookup injectedServfail(Span span, TaskFaults faults) {
        span.setAttribute(FAULT_INJECTED, Fault.DNS_SERVFAIL.key());
        return new RecordLookup(Rcode.SERVFAIL, List.of(), 0, "injected fault " + faults.servfail().orElseThrow().describe());
    }

    /**
     * The injected fault dns-delay: the query waits first, as behind a slow server, and its duration counts the wait.
     * A wait that reaches the task's deadline ends the lookup there, as a timeout.
     */
    private RecordLookup delayed(Span span, String domain, String type, Instant doneBy, TaskFaults faults) {
        span.setAttribute(FAULT_INJECTED, Fault.DNS_DELAY.key());
        long started = System.nanoTime();
        Duration delay = Duration.ofMillis(faults.dnsDelayMs());
        Duration left = doneBy == null ? delay : Duration.between(Instant.now(), doneBy);
        try {
            Thread.sleep(delay.compareTo(left) < 0 ? delay : left.isNegative() ? Duration.ZERO : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RecordLookup(Rcode.ERROR, List.of(), elapsedMs(started), "interrupted");
        }
        if (delay.compareTo(left) >= 0) {
            return new RecordLookup(Rcode.TIMEOUT, List.of(), elapsedMs(started), "no answer before the task's deadline: held by the injected fault "
                    + faults.dnsDelay().orElseThrow().describe());
        }
        RecordLookup asked = resolver.lookup(domain, type, doneBy);
        return new RecordLookup(asked.rcode(), asked.answers(), elapsedMs(started), asked.error(), asked.ecs());
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
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

    /** The outcome of the first type without an answer ({@code TIMEOUT}, {@code SERVFAIL}, ...): a failed span's {@code error.type}. */
    static String firstFailure(Map<String, RecordLookup> records) {
        return records.values().stream().filter(r -> !r.answered()).map(r -> r.rcode().name()).findFirst().orElse("none");
    }

    /** The types without an answer, with their rcode and error; {@code null} when every type got one. */
    static String errorSummary(Map<String, RecordLookup> records) {
        String summary = records.entrySet().stream()
                .filter(e -> !e.getValue().answered())
                .map(e -> e.getKey() + ": " + e.getValue().rcode() + (e.getValue().error() == null ? "" : " (" + e.getValue().error() + ")"))
                .collect(Collectors.joining("; "));
        return summary.isEmpty() ? null : summary;
    }
}
