package dev.geodig.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

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

    /** {@code command}'s result, with the spans it makes unsampled: for one Redis command or a few. */
    public static <T> T call(Supplier<T> command) {
        try (Scope ignored = enter()) {
            return command.get();
        }
    }

    /** {@code command}, with the spans it makes unsampled. */
    public static void run(Runnable command) {
        try (Scope ignored = enter()) {
            command.run();
        }
    }

    /** A root context whose span is valid but not sampled. */
    public static Context context() {
        // Runs for every poll: the API's hex encoding, not String.format.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId = TraceId.fromLongs(random.nextLong() | 1L, random.nextLong());
        String spanId = SpanId.fromLong(random.nextLong() | 1L);
        SpanContext unsampled = SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault());
        return Context.root().with(Span.wrap(unsampled));
    }
}
