package dev.geodig.gateway;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The request factory of the gateway's {@code RestClient}s (Jaeger's query API, the orchestrator's readiness):
 * the JDK HttpClient, which the agent instruments, plain HTTP/1.1, with the given timeouts. The lookup itself
 * calls the HttpClient directly ({@code lookup.OrchestratorClient} says why).
 */
public final class LoopbackRequestFactory {

    private LoopbackRequestFactory() {
    }

    public static JdkClientHttpRequestFactory of(Duration connectTimeout, Duration readTimeout) {
        HttpClient client = HttpClient.newBuilder()
                // HTTP/2 over cleartext would start every connection with an Upgrade dance Tomcat declines.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        return factory;
    }
}
