package dev.geodig.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessagingSpansTest {

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    private static final SpanContext PRODUCER = SpanContext.createFromRemoteParent(
            "b270a680b063957d2a986300d59e7163", "e9bad991e730350b", TraceFlags.getSampled(), TraceState.getDefault());

    private Tracer tracer;

    @BeforeEach
    void tracer() {
        tracer = otel.getOpenTelemetry().getTracer("test");
    }

    @Test
    void aSendIsAProducerUnderTheCurrentSpanWithTheMessagingAttributes() {
        Span parent = tracer.spanBuilder("parent").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            MessagingSpans.send(tracer, "publish", "dns:tasks").startSpan().end();
        }
        parent.end();

        SpanData send = named("publish");
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(send.getAttributes().asMap()).isEqualTo(Attributes.builder()
                .put(SpanAttributes.MESSAGING_SYSTEM, "redis")
                .put(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
                .put(SpanAttributes.MESSAGING_OPERATION_NAME, "xadd")
                .put(SpanAttributes.MESSAGING_DESTINATION_NAME, "dns:tasks")
                .build().asMap());
    }

    @Test
    void aProcessIsAConsumerChildOfTheProducerAndLinkedToItAsChildOf() {
        Context producer = Context.root().with(Span.wrap(PRODUCER));

        MessagingSpans.process(tracer, "process", "dns:tasks", "workers-us-east-1", "1-1", producer).startSpan().end();

        SpanData process = named("process");
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(PRODUCER.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(PRODUCER.getSpanId());
        assertThat(process.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext()).isEqualTo(PRODUCER);
            assertThat(link.getAttributes().asMap()).isEqualTo(Attributes.of(SpanAttributes.OPENTRACING_REF_TYPE, "child_of").asMap());
        });
        assertThat(process.getAttributes().asMap()).isEqualTo(Attributes.builder()
                .put(SpanAttributes.MESSAGING_SYSTEM, "redis")
                .put(SpanAttributes.MESSAGING_OPERATION_TYPE, "process")
                .put(SpanAttributes.MESSAGING_OPERATION_NAME, "process")
                .put(SpanAttributes.MESSAGING_DESTINATION_NAME, "dns:tasks")
                .put(SpanAttributes.MESSAGING_CONSUMER_GROUP_NAME, "workers-us-east-1")
                .put(SpanAttributes.MESSAGING_MESSAGE_ID, "1-1")
                .build().asMap());
    }

    @Test
    void aProcessWithoutProducerContextStartsItsOwnTraceWithoutLinkWhateverIsCurrent() {
        Span current = tracer.spanBuilder("unrelated").startSpan();
        try (Scope ignored = current.makeCurrent()) {
            MessagingSpans.process(tracer, "process", "dns:tasks", "workers-us-east-1", "1-2", Context.root()).startSpan().end();
        }
        current.end();

        SpanData process = named("process");
        assertThat(process.getParentSpanContext().isValid()).isFalse();
        assertThat(process.getTraceId()).isNotEqualTo(current.getSpanContext().getTraceId());
        assertThat(process.getLinks()).isEmpty();
    }

    private static SpanData named(String name) {
        return otel.getSpans().stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
    }
}
