package dev.geodig.gateway.traces;

import dev.geodig.gateway.GatewayProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.client.RestClient;

/** The gateway's reader of Jaeger, built as its Spring context builds it, for tests that run no context. */
public final class JaegerReader {

    private JaegerReader() {
    }

    /** A reader of the Jaeger at {@code queryUrl}, which keeps {@code maxTraces}; the gateway's other defaults. */
    public static JaegerTraces of(String queryUrl, int maxTraces) {
        return new JaegerTraces(RestClient.builder(), new GatewayProperties(null, 8192, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), URI.create(queryUrl), null, Duration.ofSeconds(3), maxTraces, null, Duration.ofSeconds(3), Map.of(), 64,
                new GatewayProperties.RateLimit(true, 100, 50, Duration.ofSeconds(1), 10_000)));
    }
}
