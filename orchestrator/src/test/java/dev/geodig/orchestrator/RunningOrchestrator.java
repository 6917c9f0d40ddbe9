package dev.geodig.orchestrator;

import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real orchestrator application on a free loopback port, started the way the {@code it} module
 * can start it: {@code new SpringApplicationBuilder(OrchestratorApplication.class)}, with an
 * {@code OpenTelemetry} bean of the test's choosing.
 *
 * <p>Settings go in as command-line arguments ({@code run("--key=value")}), not through
 * {@code builder.properties(...)}: those are Spring's <em>default</em> properties, which
 * application.yml overrides (the port would stay 8081 and Redis 6379).
 */
public final class RunningOrchestrator implements AutoCloseable {

    public static final String LOOKUPS = "/internal/v1/lookups";

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private RunningOrchestrator(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static RunningOrchestrator start(OpenTelemetry openTelemetry, Map<String, String> properties) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrchestratorApplication.class)
                // Registered before the configuration is read; the orchestrator's own bean is only a fallback.
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("testOpenTelemetry", OpenTelemetry.class, () -> openTelemetry))
                .run(arguments.toArray(String[]::new));
        return new RunningOrchestrator(context);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        http.close();
    }
}
