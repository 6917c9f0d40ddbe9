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
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Marks {@code span} as failed by {@code cause}, as the semantic conventions say: status ERROR with the
     * exception's message, {@code error.type} = its class name, and an {@code exception} event.
     */
    public static void failed(Span span, Throwable cause) {
        span.recordException(cause);
        span.setAttribute(SpanAttributes.ERROR_TYPE, cause.getClass().getName());
        span.setStatus(StatusCode.ERROR, cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Marks {@code span} as failed without an exception: status ERROR with {@code description}, and {@code error.type}. */
    public static void failed(Span span, String errorType, String description) {
        span.setAttribute(SpanAttributes.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, description);
    }

    public static void run(Span span, Consumer<Span> work) {
        call(span, current -> {
            work.accept(current);
            return null;
        });
    }
}
