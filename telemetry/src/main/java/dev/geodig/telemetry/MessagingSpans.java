package dev.geodig.telemetry;

import static dev.geodig.telemetry.SpanAttributes.MESSAGING_CONSUMER_GROUP_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_DESTINATION_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_MESSAGE_ID;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_OPERATION_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_OPERATION_TYPE;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_SYSTEM;
import static dev.geodig.telemetry.SpanAttributes.OPENTRACING_REF_TYPE;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of the stream hops, with the OpenTelemetry messaging attributes: a PRODUCER around one
 * XADD, a CONSUMER around the processing of one entry. The caller adds its own attributes and starts
 * the span; a producer sets {@link SpanAttributes#MESSAGING_MESSAGE_ID} once Redis has assigned it.
 */
public final class MessagingSpans {

    /** Redis is not among the convention's well-known systems; the convention allows other values. */
    static final String SYSTEM_REDIS = "redis";

    private static final Attributes CHILD_OF = Attributes.of(OPENTRACING_REF_TYPE, "child_of");

    private MessagingSpans() {
    }

    /** A PRODUCER span for appending one entry to {@code stream}, under the current span. */
    public static SpanBuilder send(Tracer tracer, String spanName, String stream) {
        return tracer.spanBuilder(spanName)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM_REDIS)
                .setAttribute(MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(MESSAGING_OPERATION_NAME, "xadd")
                .setAttribute(MESSAGING_DESTINATION_NAME, stream);
    }

    /**
     * A CONSUMER span for processing entry {@code messageId}, read by {@code group} from {@code stream}: the
     * child of the producer's context carried in the entry, and linked to it as well (ADR 0001). Without a
     * valid producer context (an entry that carries none) the span starts a trace of its own, without link.
     */
    public static SpanBuilder process(Tracer tracer, String spanName, String stream, String group, String messageId,
            Context producer) {
        SpanBuilder builder = tracer.spanBuilder(spanName)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(producer)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM_REDIS)
                .setAttribute(MESSAGING_OPERATION_TYPE, "process")
                .setAttribute(MESSAGING_OPERATION_NAME, "process")
                .setAttribute(MESSAGING_DESTINATION_NAME, stream)
                .setAttribute(MESSAGING_CONSUMER_GROUP_NAME, group)
                .setAttribute(MESSAGING_MESSAGE_ID, messageId);
        SpanContext producerSpan = Span.fromContext(producer).getSpanContext();
        if (producerSpan.isValid()) {
            // Typed child_of: Jaeger keeps one reference for a parent that is also linked, typed by the link.
            builder.addLink(producerSpan, CHILD_OF);
        }
        return builder;
    }
}
