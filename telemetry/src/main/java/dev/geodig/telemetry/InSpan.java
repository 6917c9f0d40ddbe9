package dev.geodig.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs code with a started span current, then ends the span: the one way geodig's code traces its
 * own work. An exception escaping the code is recorded on the span, which is marked {@code ERROR},
 * and rethrown. Outcomes that are not exceptions (a DNS timeout, say) the code marks itself.
 */
public final class InSpan {

    private InSpan() {
    }

    /** @return what {@code work} returned */
    public static <T> T call(Span span, Function<Span, T> work) {
        try (Scope ignored = span.makeCurrent()) {
            return work.apply(span);
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    public static void run(Span span, Consumer<Span> work) {
        call(span, current -> {
            work.accept(current);
            return null;
        });
    }
}
