package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.MESSAGING_DESTINATION_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_MESSAGE_ID;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_OPERATION_NAME;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_OPERATION_TYPE;
import static dev.geodig.telemetry.SpanAttributes.MESSAGING_SYSTEM;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.MessageCodec;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.contract.Streams;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/** Appends a result to {@code dns:results}, bounded, inside a {@code publish_dns_result} PRODUCER span. */
final class ResultPublisher {

    private final RedisStreamCommands<String, String> redis;
    private final Tracer tracer;
    private final long maxLen;

    ResultPublisher(RedisStreamCommands<String, String> redis, Tracer tracer, long maxLen) {
        this.redis = redis;
        this.tracer = tracer;
        this.maxLen = maxLen;
    }

    /** @return the stream entry id of the result */
    String publish(DnsResult result) {
        Span span = tracer.spanBuilder("publish_dns_result")
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, SpanAttributes.SYSTEM_REDIS)
                .setAttribute(MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(MESSAGING_OPERATION_NAME, "xadd")
                .setAttribute(MESSAGING_DESTINATION_NAME, Streams.RESULTS)
                .setAttribute(SpanAttributes.TASK_ID, result.taskId())
                .setAttribute(SpanAttributes.WORKER_LOCATION, result.location())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute(SpanAttributes.TRACE_ID, span.getSpanContext().getTraceId());
            // MAXLEN ~ lets Redis trim whole internal nodes only: cheap, and the stream stays near the bound.
            String id = redis.xadd(Streams.RESULTS, XAddArgs.Builder.maxlen(maxLen).approximateTrimming(), MessageCodec.encode(result));
            span.setAttribute(MESSAGING_MESSAGE_ID, id);
            return id;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, "cannot publish result: " + e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
