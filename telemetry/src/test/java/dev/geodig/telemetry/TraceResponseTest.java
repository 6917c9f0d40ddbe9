package dev.geodig.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

class TraceResponseTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_ID = "b7ad6b7169203331";

    private static Context contextOf(TraceFlags flags) {
        TraceState state = TraceState.builder().put("vendor", "value").build();
        return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, flags, state)));
    }

    @Test
    void isTheSpansTraceparentVersionIdsAndFlags() {
        assertThat(TraceResponse.of(contextOf(TraceFlags.getSampled()))).contains("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        assertThat(TraceResponse.of(contextOf(TraceFlags.getDefault()))).contains("00-" + TRACE_ID + "-" + SPAN_ID + "-00");
    }

    @Test
    void isAbsentWithoutAValidSpan() {
        assertThat(TraceResponse.of(Context.root())).isEmpty();
        assertThat(TraceResponse.of(Context.root().with(Span.wrap(SpanContext.getInvalid())))).isEmpty();
    }
}
