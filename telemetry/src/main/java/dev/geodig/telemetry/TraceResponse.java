package dev.geodig.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * The W3C Trace Context {@code traceresponse} header's value, which has the {@code traceparent}
 * format: written by the W3C propagator, whatever propagators the agent is configured with.
 */
public final class TraceResponse {

    private static final String TRACEPARENT = "traceparent";

    private TraceResponse() {
    }

    /** {@code 00-<trace-id>-<span-id>-<flags>} of the context's span; empty without a valid span. */
    public static Optional<String> of(Context context) {
        return Optional.ofNullable(
                TraceContextCarrier.inject(W3CTraceContextPropagator.getInstance(), context).get(TRACEPARENT));
    }
}
