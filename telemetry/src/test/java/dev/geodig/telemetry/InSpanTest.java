package dev.geodig.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InSpanTest {

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    private Tracer tracer;

    @BeforeEach
    void tracer() {
        tracer = otel.getOpenTelemetry().getTracer("test");
    }

    @Test
    void runsTheWorkWithTheSpanCurrentAndEndsIt() {
        Span span = tracer.spanBuilder("work").startSpan();
        List<Span> currentDuringWork = new ArrayList<>();

        String answer = InSpan.call(span, given -> {
            currentDuringWork.add(Span.current());
            assertThat(given).isSameAs(span);
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(currentDuringWork).containsExactly(span);
        assertThat(Span.current()).isNotSameAs(span);
        SpanData ended = onlySpan();
        assertThat(ended.hasEnded()).isTrue();
        assertThat(ended.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(ended.getEvents()).isEmpty();
    }

    @Test
    void aThrownExceptionIsRecordedMarkedAsErrorAndRethrown() {
        IllegalStateException failure = new IllegalStateException("redis is away");

        assertThatThrownBy(() -> InSpan.run(tracer.spanBuilder("work").startSpan(), span -> {
            throw failure;
        })).isSameAs(failure);

        SpanData ended = onlySpan();
        assertThat(ended.hasEnded()).isTrue();
        assertThat(ended.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(ended.getStatus().getDescription()).isEqualTo("IllegalStateException: redis is away");
        assertThat(ended.getEvents()).extracting(EventData::getName).containsExactly("exception");
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        assertThatThrownBy(() -> InSpan.call(tracer.spanBuilder("work").startSpan(), span -> {
            throw new UnsupportedOperationException();
        })).isInstanceOf(UnsupportedOperationException.class);

        assertThat(onlySpan().getStatus().getDescription()).isEqualTo("UnsupportedOperationException");
    }

    @Test
    void anErrorStatusTheWorkSetsItselfIsKept() {
        InSpan.run(tracer.spanBuilder("work").startSpan(), span -> span.setStatus(StatusCode.ERROR, "A: TIMEOUT"));

        assertThat(onlySpan().getStatus().getDescription()).isEqualTo("A: TIMEOUT");
    }

    private static SpanData onlySpan() {
        assertThat(otel.getSpans()).hasSize(1);
        return otel.getSpans().getFirst();
    }
}
