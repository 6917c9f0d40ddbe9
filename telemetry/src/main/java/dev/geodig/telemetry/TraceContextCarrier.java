package dev.geodig.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries the W3C trace context across a Redis stream inside the message, as a plain
 * {@code Map<String, String>} ({@code traceparent}, and {@code tracestate} when present).
 *
 * <p>HTTP needs none of this: the Java agent injects and extracts the headers. A stream entry is
 * opaque to the agent, so the producer injects here and the consumer extracts here.
 */
public final class TraceContextCarrier {

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContextCarrier() {
    }

    /** The fields that put {@code context} on the wire. */
    public static Map<String, String> inject(TextMapPropagator propagator, Context context) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, (map, key, value) -> map.put(key, value));
        return Map.copyOf(carrier);
    }

    /**
     * The context carried by {@code carrier}, on top of {@link Context#root()}: a consumer's work
     * belongs to the producer's trace, not to whatever the consuming thread had.
     */
    public static Context extract(TextMapPropagator propagator, Map<String, String> carrier) {
        return propagator.extract(Context.root(), carrier == null ? Map.of() : carrier, GETTER);
    }
}
