package dev.geodig.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The OpenTelemetry messaging semantic-convention keys used on the stream hops, and the seed's own
 * span attributes. Declared here rather than taken from the incubating semconv artifact, which is
 * alpha; the names are the convention's.
 */
public final class SpanAttributes {

    // OpenTelemetry messaging semantic conventions.
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> MESSAGING_DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_CONSUMER_GROUP_NAME = AttributeKey.stringKey("messaging.consumer.group.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<Long> MESSAGING_MESSAGE_BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");

    /** Redis is not in the convention's list of well-known systems; the convention allows other values. */
    public static final String SYSTEM_REDIS = "redis";

    // The seed's span attributes.
    public static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("trace.id");
    public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("task.id");
    public static final AttributeKey<String> DNS_DOMAIN = AttributeKey.stringKey("dns.domain");
    public static final AttributeKey<String> WORKER_LOCATION = AttributeKey.stringKey("worker.location");
    public static final AttributeKey<String> RESULT_STATUS = AttributeKey.stringKey("result.status");
    public static final AttributeKey<Long> PROCESSING_TIME_MS = AttributeKey.longKey("processing_time_ms");

    private SpanAttributes() {
    }
}
