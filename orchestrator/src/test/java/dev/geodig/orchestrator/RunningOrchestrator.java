package dev.geodig.orchestrator;

import dev.geodig.testkit.LoopbackHttp;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
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
    private final LoopbackHttp http;

    private RunningOrchestrator(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = LoopbackHttp.onPort(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
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
        return http.post(path, contentType, body);
    }

    public HttpResponse<String> get(String path) {
        return http.get(path);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    @Override
    public void close() {
        context.close();
        http.close();
    }
}
