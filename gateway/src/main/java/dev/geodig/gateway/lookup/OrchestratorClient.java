package dev.geodig.gateway.lookup;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.gateway.GatewayProperties;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends a validated lookup to the orchestrator ({@code POST /internal/v1/lookups}) and returns its report.
 *
 * <p>It runs on the JDK HttpClient, which the OpenTelemetry Java agent instruments: the agent makes
 * the client span and injects the W3C {@code traceparent} header. There is deliberately no header
 * code here.
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

    /** A request factory on the JDK HttpClient with the given timeouts; plain HTTP/1.1 on loopback. */
    public static JdkClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        HttpClient client = HttpClient.newBuilder()
                // HTTP/2 over cleartext would start every connection with an Upgrade dance Tomcat declines.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
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
        } catch (ResourceAccessException e) {
            throw unreachable(e);
        } catch (RestClientResponseException e) {
            // The gateway validated the request, so any error status is the orchestrator's, not the client's.
            HttpStatus status = e.getStatusCode().value() == 503 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
            throw new OrchestratorUnavailableException(status,
                    "The orchestrator answered " + e.getStatusCode().value() + " to the lookup.", e);
        } catch (RestClientException e) {
            throw new OrchestratorUnavailableException(HttpStatus.BAD_GATEWAY,
                    "The orchestrator's answer is not a lookup report.", e);
        }
        if (report == null) {
            throw new OrchestratorUnavailableException(HttpStatus.BAD_GATEWAY, "The orchestrator answered with an empty body.", null);
        }
        return report;
    }

    private OrchestratorUnavailableException unreachable(ResourceAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                break;
            }
            if (cause instanceof HttpTimeoutException) {
                return new OrchestratorUnavailableException(HttpStatus.GATEWAY_TIMEOUT,
                        "The orchestrator did not answer within " + timeout.toMillis() + " ms.", e);
            }
        }
        return new OrchestratorUnavailableException(HttpStatus.SERVICE_UNAVAILABLE,
                "The orchestrator at " + baseUrl + " is unreachable.", e);
    }
}
