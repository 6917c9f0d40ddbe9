package dev.geodig.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceContextCarrierTest {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACE_ID = "b270a680b063957d2a986300d59e7163";
    private static final String SPAN_ID = "e9bad991e730350b";

    private static Context contextOf(TraceFlags flags, TraceState state) {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, flags, state)));
    }

    @Test
    void injectsTheDesignsTraceparent() {
        Map<String, String> carrier = TraceContextCarrier.inject(W3C, contextOf(TraceFlags.getSampled(), TraceState.getDefault()));

        assertThat(carrier).containsExactly(Map.entry("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01"));
    }

    @Test
    void roundTripsTraceIdSpanIdFlagsAndState() {
        TraceState state = TraceState.builder().put("vendor", "value").put("other", "1").build();

        Map<String, String> carrier = TraceContextCarrier.inject(W3C, contextOf(TraceFlags.getSampled(), state));
        SpanContext extracted = Span.fromContext(TraceContextCarrier.extract(W3C, carrier)).getSpanContext();

        assertThat(carrier).containsKeys("traceparent", "tracestate");
        assertThat(extracted.isValid()).isTrue();
        assertThat(extracted.isRemote()).isTrue();
        assertThat(extracted.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(extracted.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(extracted.getTraceFlags()).isEqualTo(TraceFlags.getSampled());
        assertThat(extracted.getTraceState().asMap()).isEqualTo(state.asMap());
    }

    @Test
    void roundTripsAnUnsampledContext() {
        Map<String, String> carrier = TraceContextCarrier.inject(W3C, contextOf(TraceFlags.getDefault(), TraceState.getDefault()));
        SpanContext extracted = Span.fromContext(TraceContextCarrier.extract(W3C, carrier)).getSpanContext();

        assertThat(carrier.get("traceparent")).endsWith("-00");
        assertThat(extracted.getTraceFlags().isSampled()).isFalse();
        assertThat(extracted.getTraceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void injectsNothingForAContextWithoutASpan() {
        assertThat(TraceContextCarrier.inject(W3C, Context.root())).isEmpty();
    }

    @Test
    void extractsAnInvalidContextFromEmptyOrNullCarriersIgnoringTheCallersContext() {
        Context callers = contextOf(TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = callers.makeCurrent()) {
            for (Map<String, String> carrier : new Map[] {null, Map.of(), Map.of("traceparent", "garbage")}) {
                Context extracted = TraceContextCarrier.extract(W3C, carrier);

                assertThat(Span.fromContext(extracted).getSpanContext().isValid()).as("carrier %s", carrier).isFalse();
                // Rooted at Context.root(): nothing of the consuming thread's current context leaks in.
                assertThat(extracted).as("carrier %s", carrier).isSameAs(Context.root());
            }
        }
    }

    @Test
    void theCarrierIsImmutable() {
        Map<String, String> carrier = TraceContextCarrier.inject(W3C, contextOf(TraceFlags.getSampled(), TraceState.getDefault()));

        assertThat(carrier).isUnmodifiable();
    }
}
