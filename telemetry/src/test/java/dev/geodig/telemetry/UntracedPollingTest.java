package dev.geodig.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against the SDK's default sampler, parent-based always-on, as the agent runs by default. */
class UntracedPollingTest {

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    @Test
    void spansStartedWhilePollingAreNotRecordedAndSpansAfterwardAre() {
        Tracer tracer = otel.getOpenTelemetry().getTracer("test");

        try (Scope ignored = UntracedPolling.enter()) {
            Span poll = tracer.spanBuilder("XREADGROUP").startSpan();
            assertThat(poll.isRecording()).isFalse();
            poll.end();
        }
        tracer.spanBuilder("XACK").startSpan().end();

        assertThat(otel.getSpans()).extracting(span -> span.getName()).containsExactly("XACK");
    }

    @Test
    void theParentIsAValidUnsampledRootOfItsOwn() {
        SpanContext first = Span.fromContext(UntracedPolling.context()).getSpanContext();
        SpanContext second = Span.fromContext(UntracedPolling.context()).getSpanContext();

        assertThat(first.isValid()).isTrue();
        assertThat(first.isSampled()).isFalse();
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
    }
}
