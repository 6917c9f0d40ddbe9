package dev.geodig.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * The trace of the request being served, as the OpenTelemetry Java agent's server span has it: the
 * {@code trace_id} of the gateway's report and of every problem either HTTP service answers.
 *
 * <p>Without the agent (or with tracing disabled) {@link Span#current()} is invalid: then there is
 * no trace id to give, and callers leave it out rather than invent one.
 */
public final class CurrentTrace {

    private CurrentTrace() {
    }

    /** The current trace id (32 hex digits), the correlation id; empty without a valid span. */
    public static Optional<String> traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }
}
