package dev.geodig.gateway.traces;

import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.LoopbackRequestFactory;
import dev.geodig.gateway.problem.ProblemException;
import dev.geodig.telemetry.UntracedPolling;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Jaeger's query API v3, which answers with traces as OTLP JSON (the data model the services export,
 * so span kinds and statuses arrive as OpenTelemetry has them): one trace ({@code /api/v3/traces/{id}}), a
 * search ({@code /api/v3/traces?query.*}), the services and their operations.
 *
 * <p>Every read is bounded: one request, the configured timeout for the whole answer (Spring's JDK client
 * closes the body when it passes), and a cap on the answer's size. Every read runs under an unsampled parent,
 * so reading traces makes no trace of its own, whoever asked the gateway (ADR 0003). The address is
 * configuration only ({@code geodig.gateway.jaeger-query-url}); every value a client gave goes into the query
 * string encoded, or, for a trace id, after {@link TraceId} reduced it to 32 hex digits: no input can steer a
 * request to another host or path.
 */
@Component
public class JaegerTraces {

    static final String TRACE_PATH = "/api/v3/traces/";
    static final String SEARCH_PATH = "/api/v3/traces";
    static final String SERVICES_PATH = "/api/v3/services";
    static final String OPERATIONS_PATH = "/api/v3/operations";
    /** One trace as OTLP JSON: a lookup's is some 30 kB; a trace a thousand times that is not one to draw. */
    static final long MAX_TRACE_BYTES = 32L << 20;
    /** A search's answer, per trace asked for: several times a lookup's trace, so only a runaway trips it. */
    static final long SEARCH_BYTES_PER_TRACE = 256L << 10;
    static final long MAX_LIST_BYTES = 4L << 20;

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int MAX_ERROR_MESSAGE = 200;

    private final RestClient jaeger;
    private final URI baseUrl;
    private final int maxTraces;

    JaegerTraces(RestClient.Builder builder, GatewayProperties properties) {
        this.baseUrl = properties.jaegerQueryUrl();
        this.maxTraces = properties.jaegerMaxTraces();
        this.jaeger = builder.clone()
                .requestFactory(LoopbackRequestFactory.of(properties.jaegerTimeout(), properties.jaegerTimeout()))
                .build();
    }

    /** One search of Jaeger's: the traces with a span of {@code service} (any, when {@code null}). */
    public record Search(String service, String operation, TimeRange range, int depth) {
    }

    /** An operation of a service as Jaeger lists it; {@code spanKind} as Jaeger writes it ({@code server}, or empty). */
    record Operation(String name, String spanKind) {
    }

    /**
     * The most traces one search may ask Jaeger for: the store refuses a search deeper than the traces it
     * keeps ({@code geodig.gateway.jaeger-max-traces}, which the launcher sets from Jaeger's own setting).
     */
    public int maxTraces() {
        return maxTraces;
    }

    /** The trace's OTLP JSON ({@code resourceSpans}), or empty when Jaeger has no span of it (yet). */
    Optional<List<JsonNode>> find(TraceId traceId) {
        URI uri = baseUrl.resolve(TRACE_PATH + traceId.hex());
        JsonNode answer = read(uri, "the trace", "so the trace cannot be shown", MAX_TRACE_BYTES, JSON::readTree, () -> null);
        // API v3 answers {"result": {"resourceSpans": [...]}}.
        JsonNode resourceSpans = answer == null ? null : answer.path("result").path("resourceSpans");
        if (resourceSpans == null || !resourceSpans.isArray() || resourceSpans.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resourceSpans.valueStream().toList());
    }

    /**
     * Hands every span of the traces {@code search} finds to {@code spans}, as the answer streams in: a search's
     * answer is all its traces in one document (tens of megabytes for a thousand lookups), read one resource's
     * spans at a time so that the gateway never holds it whole. Jaeger answers newest trace first, each trace's
     * spans together. Nothing found is no span at all.
     */
    public void search(Search search, Consumer<OtlpSpan> spans) {
        if (search.depth() < 1 || search.depth() > maxTraces) {
            throw new IllegalArgumentException("a search depth of " + search.depth() + " is outside 1.." + maxTraces);
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl).path(SEARCH_PATH)
                .queryParam("query.start_time_min", "{start}")
                .queryParam("query.start_time_max", "{end}")
                .queryParam("query.num_traces", "{depth}");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("start", search.range().start().toString());
        values.put("end", search.range().end().toString());
        values.put("depth", search.depth());
        if (search.service() != null) {
            uri.queryParam("query.service_name", "{service}");
            values.put("service", search.service());
        }
        if (search.operation() != null) {
            uri.queryParam("query.operation_name", "{operation}");
            values.put("operation", search.operation());
        }
        long maxBytes = Math.max(MAX_LIST_BYTES, search.depth() * SEARCH_BYTES_PER_TRACE);
        // Jaeger answers a search that found nothing with a 404 ("No traces found").
        read(uri.encode().buildAndExpand(values).toUri(), "the search", "so no trace can be searched", maxBytes,
                body -> SearchAnswerStream.spans(body, spans), () -> null);
    }

    /** The services Jaeger has spans of. */
    List<String> services() {
        JsonNode answer = read(baseUrl.resolve(SERVICES_PATH), "the services", "so the services cannot be listed",
                MAX_LIST_BYTES, JSON::readTree, null);
        List<String> services = new ArrayList<>();
        answer.path("services").forEach(service -> services.add(service.asString("")));
        return services;
    }

    /** The operations (span names, with their kinds) Jaeger has of {@code service}; none for a service it does not know. */
    List<Operation> operations(String service) {
        URI uri = UriComponentsBuilder.fromUri(baseUrl).path(OPERATIONS_PATH).queryParam("service", "{service}")
                .encode().buildAndExpand(service).toUri();
        JsonNode answer = read(uri, "the operations", "so the operations cannot be listed", MAX_LIST_BYTES, JSON::readTree, null);
        List<Operation> operations = new ArrayList<>();
        answer.path("operations").forEach(operation ->
                operations.add(new Operation(operation.path("name").asString(""), operation.path("spanKind").asString(""))));
        return operations;
    }

    /** What a body of Jaeger's 200 answer reads as. */
    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * One GET of Jaeger's: its 200 answer read by {@code reader}, its 404 as {@code notFound} gives it (a 502 when
     * {@code null}), anything else a problem: 503 when Jaeger cannot be reached or does not answer in time, 502
     * when it answers with an error or something unreadable.
     */
    private <T> T read(URI uri, String what, String consequence, long maxBytes, BodyReader<T> reader,
            Supplier<T> notFound) {
        try (Scope untraced = UntracedPolling.enter()) {
            return jaeger.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == HttpStatus.NOT_FOUND.value() && notFound != null) {
                    return notFound.get();
                }
                if (status != HttpStatus.OK.value()) {
                    throw new ProblemException(HttpStatus.BAD_GATEWAY, "Jaeger's query API answered " + status + " for "
                            + what + errorMessage(response.getBody()) + ".", List.of(), null);
                }
                // Read as bytes and parsed here: Jaeger labels this JSON "text/plain".
                try (InputStream body = new CappedInputStream(response.getBody(), maxBytes)) {
                    return reader.read(body);
                }
            });
        } catch (ProblemException e) {
            throw e;
        } catch (ResourceAccessException | JacksonIOException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Jaeger's query API at " + baseUrl
                    + " is unreachable or did not answer in time, " + consequence + ".", List.of(), e);
        } catch (CappedInputStream.TooLargeException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "Jaeger's answer to " + what + " is larger than "
                    + (maxBytes >> 20) + " MiB; ask for fewer traces or a shorter time range.", List.of(), e);
        } catch (RestClientException | JacksonException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY,
                    "Jaeger's query API answered " + what + " with something that is not OTLP JSON.", List.of(), e);
        }
    }

    /** {@code ": <message>"} from Jaeger's error document ({@code {"error":{"message":...}}}), or nothing. */
    private static String errorMessage(InputStream body) {
        try (InputStream capped = body) {
            byte[] start = capped.readNBytes(4096);
            String message = JSON.readTree(new String(start, StandardCharsets.UTF_8)).path("error").path("message").asString("");
            return message.isBlank() ? "" : ": " + (message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) : message);
        } catch (IOException | JacksonException unreadable) {
            return "";
        }
    }
}
