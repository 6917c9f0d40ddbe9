package dev.geodig.gateway.lookup;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.gateway.GatewayProperties;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends a validated lookup to the orchestrator ({@code POST /internal/v1/lookups}) and returns its report.
 *
 * <p>It runs on the JDK's {@code HttpURLConnection}, which the OpenTelemetry Java agent instruments: the
 * agent makes the client span and injects the W3C {@code traceparent} header. There is deliberately no
 * header code here. {@code HttpURLConnection} rather than the JDK's {@code HttpClient}: it reads and
 * writes on the calling (virtual) thread, where {@code HttpClient} passes every exchange between its
 * selector thread and a pool of its own; those hand-offs cost more CPU than the rest of the call
 * (docs/benchmarks.md, profile item 9).
 */
@Component
public class OrchestratorClient {

    static final String LOOKUPS_PATH = "/internal/v1/lookups";

    private final RestClient orchestrator;
    private final URI baseUrl;
    private final Duration timeout;

    OrchestratorClient(RestClient.Builder builder, GatewayProperties properties) {
        this.baseUrl = properties.orchestratorUrl();
        this.timeout = properties.orchestratorTimeout();
        this.orchestrator = builder.clone()
                .baseUrl(baseUrl)
                .requestFactory(requestFactory(properties.orchestratorConnectTimeout(), timeout))
                .build();
    }

    static {
        // HttpURLConnection keeps at most 5 idle connections per server by default: with more lookups
        // in flight than that, every extra one would open (and close) a connection of its own. Read
        // once, when the JDK's keep-alive cache is first used; a -D option given at start-up wins.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    /** A request factory on the JDK's HttpURLConnection (HTTP/1.1, kept alive) with the given timeouts. */
    public static SimpleClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(connectTimeout);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    LookupReport lookup(LookupRequest request) {
        LookupReport report;
        try {
            report = orchestrator.post()
                    .uri(LOOKUPS_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(request)
                    .retrieve()
                    .body(LookupReport.class);
        } catch (RestClientResponseException e) {
            // The gateway validated the request, so any error status is the orchestrator's, not the client's.
            HttpStatus status = e.getStatusCode().value() == 503 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
            throw new OrchestratorUnavailableException(status,
                    "The orchestrator answered " + e.getStatusCode().value() + " to the lookup.", e);
        } catch (RestClientException e) {
            throw failed(e);
        }
        if (report == null) {
            throw new OrchestratorUnavailableException(HttpStatus.BAD_GATEWAY, "The orchestrator answered with an empty body.", null);
        }
        return report;
    }

    /**
     * What a call that got no usable answer means. HttpURLConnection reads the status line only when the
     * answer is first asked for, so a read that timed out can surface while the body is being read, not
     * only as an I/O error of the exchange: the cause decides, not the wrapper.
     */
    private OrchestratorUnavailableException failed(RestClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || isConnectTimeout(cause)) {
                break;
            }
            if (cause instanceof SocketTimeoutException) {
                return new OrchestratorUnavailableException(HttpStatus.GATEWAY_TIMEOUT,
                        "The orchestrator did not answer within " + timeout.toMillis() + " ms.", e);
            }
        }
        if (e instanceof ResourceAccessException) {
            return new OrchestratorUnavailableException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The orchestrator at " + baseUrl + " is unreachable.", e);
        }
        return new OrchestratorUnavailableException(HttpStatus.BAD_GATEWAY, "The orchestrator's answer is not a lookup report.", e);
    }

    /** The JDK names no type for a connect that timed out; its socket says so in the message. */
    private static boolean isConnectTimeout(Throwable cause) {
        return cause instanceof SocketTimeoutException && cause.getMessage() != null
                && cause.getMessage().startsWith("Connect timed out");
    }
}
