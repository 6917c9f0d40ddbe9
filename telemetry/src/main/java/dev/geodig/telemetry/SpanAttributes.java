package dev.geodig.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Every attribute key geodig sets, on spans and on its own metrics: one constant each, defined here
 * only. Three kinds, told apart by their names: the OpenTelemetry conventions' ({@code messaging.*},
 * declared here rather than taken from the alpha incubating semconv artifact), the six that
 * {@code docs/architecture.md} fixes, and geodig's own, all under {@code geodig.}.
 */
public final class SpanAttributes {

    // OpenTelemetry messaging conventions, on the stream hops (MessagingSpans).
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> MESSAGING_DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_CONSUMER_GROUP_NAME = AttributeKey.stringKey("messaging.consumer.group.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** On a link: Jaeger types the reference by it (the OpenTracing compatibility convention, ADR 0001). */
    public static final AttributeKey<String> OPENTRACING_REF_TYPE = AttributeKey.stringKey("opentracing.ref_type");

    // The attributes docs/architecture.md fixes, named as it names them.
    /** The class of error a failed span ended with (semantic conventions): an exception's class name, or a code. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** The injected fault that acted on this span's work (its flag key), so a failure is never mistaken for a real one. */
    public static final AttributeKey<String> FAULT_INJECTED = AttributeKey.stringKey("geodig.fault.injected");

    public static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("trace.id");
    public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("task.id");
    public static final AttributeKey<String> DNS_DOMAIN = AttributeKey.stringKey("dns.domain");
    public static final AttributeKey<String> WORKER_LOCATION = AttributeKey.stringKey("worker.location");
    public static final AttributeKey<String> RESULT_STATUS = AttributeKey.stringKey("result.status");
    public static final AttributeKey<Long> PROCESSING_TIME_MS = AttributeKey.longKey("processing_time_ms");

    // geodig's own.
    /** The record type of one lookup span, and of the {@code dns.lookup.duration} metric. */
    public static final AttributeKey<String> DNS_RECORD_TYPE = AttributeKey.stringKey("geodig.dns.record_type");
    /** The answer's rcode, or geodig's own outcome ({@code TIMEOUT}, {@code ERROR}) when there was none. */
    public static final AttributeKey<String> DNS_RCODE = AttributeKey.stringKey("geodig.dns.rcode");
    public static final AttributeKey<Long> DNS_ANSWER_COUNT = AttributeKey.longKey("geodig.dns.answer_count");
    /**
     * The EDNS Client Subnet a lookup's query carried ({@code 192.0.2.0/24}) and the scope prefix its answer came
     * with (0: the same for everyone; above 0: tailored to that network). The conventions have no ECS attributes.
     */
    public static final AttributeKey<String> DNS_ECS_SUBNET = AttributeKey.stringKey("geodig.dns.ecs.subnet");
    public static final AttributeKey<Long> DNS_ECS_SCOPE_PREFIX = AttributeKey.longKey("geodig.dns.ecs.scope_prefix");
    /** The task's deadline (ISO-8601), on every {@code process_dns_task} of a task that has one. */
    public static final AttributeKey<String> TASK_DEADLINE = AttributeKey.stringKey("geodig.task.deadline");
    /** {@code true} on the {@code process_dns_task} of a task acknowledged without work because it came too late. */
    public static final AttributeKey<Boolean> TASK_EXPIRED = AttributeKey.booleanKey("geodig.task.expired");
    public static final AttributeKey<Long> LOCATIONS_EXPECTED = AttributeKey.longKey("geodig.locations.expected");
    public static final AttributeKey<Long> LOCATIONS_RECEIVED = AttributeKey.longKey("geodig.locations.received");
    /** How the orchestrator gathers results ({@code geodig.orchestrator.results-mode}), so both modes can be compared. */
    public static final AttributeKey<String> RESULTS_MODE = AttributeKey.stringKey("geodig.results.mode");
    /** Why a result read from {@code dns:results} was not used. */
    public static final AttributeKey<String> IGNORED_REASON = AttributeKey.stringKey("geodig.result.ignored_reason");

    private SpanAttributes() {
    }
}
