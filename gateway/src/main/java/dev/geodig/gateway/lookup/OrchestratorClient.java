package dev.geodig.gateway.lookup;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.gateway.GatewayProperties;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a validated lookup to the orchestrator ({@code POST /internal/v1/lookups}) and returns its report.
 *
 * <p>It runs on the JDK HttpClient, which the OpenTelemetry Java agent instruments: the agent makes
 * the client span and injects the W3C {@code traceparent} header. There is deliberately no header
 * code here.
 *
 * <p>It calls the client itself rather than through Spring's {@code RestClient} (which the gateway uses
 * for Jaeger): on this, the gateway's one call per lookup, the JDK request factory wrote the body from an
 * executor thread and handed the answer over through a blocking stream, and the client's default executor
 * passed every exchange to a pool thread besides. Here the body leaves as bytes, the answer comes back as
 * bytes, and the client's callbacks run on its own selector thread: side by side, each of the two steps took
 * a quarter to a third off the gateway's CPU per lookup (docs/benchmarks.md, profile item 11).
 */
@Component
public class OrchestratorClient {

    static final String LOOKUPS_PATH = "/internal/v1/lookups";

    private final HttpClient http;
    private final JsonMapper json;
    private final URI baseUrl;
    private final URI lookups;
    private final Duration timeout;

    OrchestratorClient(GatewayProperties properties, JsonMapper json) {
        this.baseUrl = properties.orchestratorUrl();
        this.lookups = URI.create(baseUrl.toString().replaceFirst("/+$", "") + LOOKUPS_PATH);
        this.timeout = properties.orchestratorTimeout();
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.orchestratorConnectTimeout())
                // The callbacks only parse the answer's bytes and complete the future the caller waits on;
                // nothing in them blocks, so a hand-off to a pool thread per exchange bought nothing but CPU.
                .executor(Runnable::run)
                .build();
    }

    LookupReport lookup(LookupRequest request) {
        HttpRequest post = HttpRequest.newBuilder(lookups)
                .timeout(timeout)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                .build();
        HttpResponse<byte[]> answer = send(post);
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            // The gateway validated the request, so any error status is the orchestrator's, not the client's.
            throw new OrchestratorUnavailableException(status == 503 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
                    "The orchestrator answered " + status + " to the lookup.", null);
        }
        if (answer.body().length == 0) {
            throw new OrchestratorUnavailableException(HttpStatus.BAD_GATEWAY, "The orchestrator answered with an empty body.", null);
        }
        LookupReport report;
        try {
            report = json.readValue(answer.body(), LookupReport.class);
        } catch (JacksonException e) {
            throw notAReport(e);
        }
        // What the gateway reads of it (the status, the results) must be there: JSON null or {} is not a report.
        if (report == null || report.status() == null || report.results() == null) {
            throw notAReport(null);
        }
        return report;
    }

    /** The exchange, bounded as a whole by the timeout (the request's own timeout ends at the answer's headers). */
    private HttpResponse<byte[]> send(HttpRequest post) {
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private static OrchestratorUnavailableException notAReport(Throwable cause) {
        return new OrchestratorUnavailableException(HttpStatus.BAD_GATEWAY, "The orchestrator's answer is not a lookup report.", cause);
    }

    private OrchestratorUnavailableException unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                break;
            }
            if (cause instanceof HttpTimeoutException) {
                return timedOut(e);
            }
        }
        return new OrchestratorUnavailableException(HttpStatus.SERVICE_UNAVAILABLE,
                "The orchestrator at " + baseUrl + " is unreachable.", e);
    }

    private OrchestratorUnavailableException timedOut(Throwable e) {
        return new OrchestratorUnavailableException(HttpStatus.GATEWAY_TIMEOUT,
                "The orchestrator did not answer within " + timeout.toMillis() + " ms.", e);
    }
}
