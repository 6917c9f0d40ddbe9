package dev.geodig.gateway.traces;

import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.LoopbackRequestFactory;
import dev.geodig.gateway.problem.ProblemException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one trace from Jaeger's query API, {@code GET /api/v3/traces/{trace_id}}, which answers with
 * the trace as OTLP JSON (the same data model the services export, so span kinds and statuses arrive as
 * OpenTelemetry has them).
 *
 * <p>The address is configuration only ({@code geodig.gateway.jaeger-query-url}); the one variable part
 * of the request is a trace id that {@link TraceId} has already reduced to 32 hex digits, so no input
 * can steer this request to another host or path.
 */
@Component
class JaegerTraces {

    static final String TRACE_PATH = "/api/v3/traces/";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final RestClient jaeger;
    private final URI baseUrl;

    JaegerTraces(RestClient.Builder builder, GatewayProperties properties) {
        this.baseUrl = properties.jaegerQueryUrl();
        this.jaeger = builder.clone()
                .requestFactory(LoopbackRequestFactory.of(properties.jaegerTimeout(), properties.jaegerTimeout()))
                .build();
    }

    /** The trace's OTLP JSON ({@code resourceSpans}), or empty when Jaeger has no span of it (yet). */
    Optional<List<JsonNode>> find(TraceId traceId) {
        JsonNode answer;
        try {
            // Read as bytes and parsed here: Jaeger labels this JSON "text/plain".
            byte[] body = jaeger.get()
                    .uri(baseUrl.resolve(TRACE_PATH + traceId.hex()))
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(byte[].class);
            answer = body == null ? null : JSON.readTree(body);
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (ResourceAccessException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Jaeger's query API at " + baseUrl + " is unreachable, so the trace cannot be shown.", List.of(), e);
        } catch (RestClientResponseException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY,
                    "Jaeger's query API answered " + e.getStatusCode().value() + " for the trace.", List.of(), e);
        } catch (RestClientException | JacksonException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY,
                    "Jaeger's query API answered with something that is not a trace.", List.of(), e);
        }
        // API v3 streams its answer: {"result": {"resourceSpans": [...]}}.
        JsonNode resourceSpans = answer == null ? null : answer.path("result").path("resourceSpans");
        if (resourceSpans == null || !resourceSpans.isArray() || resourceSpans.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resourceSpans.valueStream().toList());
    }
}
