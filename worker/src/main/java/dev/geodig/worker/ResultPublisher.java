package dev.geodig.worker;

import static dev.geodig.telemetry.SpanAttributes.MESSAGING_MESSAGE_ID;
import static dev.geodig.telemetry.SpanAttributes.TASK_ID;
import static dev.geodig.telemetry.SpanAttributes.TRACE_ID;
import static dev.geodig.telemetry.SpanAttributes.WORKER_LOCATION;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Streams;
import dev.geodig.telemetry.InSpan;
import dev.geodig.telemetry.MessagingSpans;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** Appends a result to {@code dns:results}, bounded, inside a {@code publish_dns_result} PRODUCER span. */
final class ResultPublisher {

    private final RedisStreamCommands<String, String> redis;
    private final Tracer tracer;
    private final XAddArgs bounded;

    ResultPublisher(RedisStreamCommands<String, String> redis, Tracer tracer, long maxLen) {
        this.redis = redis;
        this.tracer = tracer;
        // MAXLEN ~ lets Redis trim whole internal nodes only: cheap, and the stream stays near the bound.
        this.bounded = XAddArgs.Builder.maxlen(maxLen).approximateTrimming();
    }

    /** @return the stream entry id of the result */
    String publish(DnsResult result) {
        SpanBuilder publish = MessagingSpans.send(tracer, "publish_dns_result", Streams.RESULTS)
                .setAttribute(TASK_ID, result.taskId())
                .setAttribute(WORKER_LOCATION, result.location());
        return InSpan.call(publish.startSpan(), span -> {
            span.setAttribute(TRACE_ID, span.getSpanContext().getTraceId());
            String id = redis.xadd(Streams.RESULTS, bounded, MessageCodec.encode(result));
            span.setAttribute(MESSAGING_MESSAGE_ID, id);
            return id;
        });
    }
}
