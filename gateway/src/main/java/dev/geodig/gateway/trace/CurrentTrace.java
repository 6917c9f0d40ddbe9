package dev.geodig.gateway.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * The trace of the request being served, as the OpenTelemetry Java agent's server span has it.
 *
 * <p>Without the agent (or with tracing disabled) {@link Span#current()} is invalid: then there is
 * no trace id to give, and callers leave it out rather than invent one.
 */
public final class CurrentTrace {

    private CurrentTrace() {
    }

    /** The current trace id (32 hex digits), as the seed takes it; empty without a valid span. */
    public static Optional<String> traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }

    /**
     * The W3C Trace Context {@code traceresponse} value of the current span,
     * {@code 00-<trace-id>-<span-id>-<flags>}; empty without a valid span.
     */
    static Optional<String> traceresponse() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }
}
