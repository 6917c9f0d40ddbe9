package dev.geodig.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes idle stream polling invisible to tracing.
 *
 * <p>A worker or orchestrator blocks on {@code XREADGROUP}/{@code XREAD} in a loop. The Java agent
 * traces every Redis command, and a command with no parent would start a new trace: an idle system
 * would fill Jaeger with one-span traces of polling. Running the poll under a parent that is
 * <em>not sampled</em> makes the default {@code parentbased_always_on} sampler drop those spans, and
 * only those: a request's own Redis commands (XADD, XACK) run under the request's sampled context.
 */
public final class UntracedPolling {

    private UntracedPolling() {
    }

    /** Opens a scope in which new spans are not sampled. Close it before handling what was read. */
    public static Scope enter() {
        return context().makeCurrent();
    }

    /** A root context whose span is valid but not sampled. */
    public static Context context() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId = "%016x%016x".formatted(random.nextLong() | 1L, random.nextLong());
        String spanId = "%016x".formatted(random.nextLong() | 1L);
        SpanContext unsampled = SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault());
        return Context.root().with(Span.wrap(unsampled));
    }
}
