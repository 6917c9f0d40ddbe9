package dev.geodig.bench;

import dev.geodig.orchestrator.OrchestratorApplication;
import dev.geodig.testkit.RedisServer;
import dev.geodig.worker.WorkerApplication;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Everything one results mode runs on: its own Redis, one worker per location, and an orchestrator
 * in that mode, all in this JVM. The two modes' stacks share nothing but the DNS servers (same
 * answers, same load), so a group-per-request round never finds the shared reader of the other
 * stack reading its results, and each Redis' counters belong to one mode only.
 *
 * <p>Both applications' {@code application.yml} are on the classpath, where one would shadow the
 * other, so neither is read ({@code spring.config.name} names no file) and every setting is passed as
 * a command-line argument, as the {@code it} module's topology does. Settings not named here keep the
 * services' documented defaults (result deadline 5 s, worker concurrency 16, stream bounds 10000).
 */
final class ModeStack implements AutoCloseable {

    final String mode;
    final RedisServer redis;
    final String lookupsUrl;
    /** location to its worker's DNS settings ({@code geodig.worker.resolvers}, ...), in the topology's order */
    private final Map<String, Map<String, String>> workerDns;
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    private ModeStack(String mode, RedisServer redis, Map<String, Map<String, String>> workerDns) {
        this.mode = mode;
        this.redis = redis;
        this.workerDns = Collections.unmodifiableMap(new LinkedHashMap<>(workerDns));
        String url;
        try {
            for (String location : this.workerDns.keySet()) {
                startWorker(location);
            }
            url = startOrchestrator() + "/internal/v1/lookups";
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.lookupsUrl = url;
    }

    /**
     * @param workerDns location to its worker's DNS settings (the resolver, the client subnet, ECS on or off), in the
     *     topology's order: the locations it runs
     */
    static ModeStack start(String mode, Path workDir, Map<String, Map<String, String>> workerDns) {
        return new ModeStack(mode, RedisServer.start(workDir.resolve("redis-" + mode)), workerDns);
    }

    private String startOrchestrator() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.main.web-application-type", "servlet");
        settings.put("spring.mvc.problemdetails.enabled", "true");
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("geodig.redis.url", redis.url());
        settings.put("geodig.locations", String.join(",", workerDns.keySet()));
        settings.put("geodig.orchestrator.results-mode", mode);
        ConfigurableApplicationContext app = start(OrchestratorApplication.class, settings);
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    private void startWorker(String location) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.main.web-application-type", "none");
        settings.put("spring.main.keep-alive", "false");
        settings.put("geodig.redis.url", redis.url());
        settings.put("geodig.worker.location", location);
        settings.putAll(workerDns.get(location));
        settings.put("geodig.worker.consumer-name", "bench-" + mode + "-" + location);
        start(WorkerApplication.class, settings);
    }

    /** No tracing at all ({@link OpenTelemetry#noop()}): the benchmark measures gathering, not span export. */
    private ConfigurableApplicationContext start(Class<?> application, Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("--spring.config.name=geodig-bench-no-config-file",
                "--spring.threads.virtual.enabled=true",
                // One line per lookup from each service would cost the same in both modes but flood the console.
                "--logging.level.root=WARN"));
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF)
                .initializers(ctx -> ((GenericApplicationContext) ctx)
                        .registerBean("benchOpenTelemetry", OpenTelemetry.class, OpenTelemetry::noop))
                .run(args.toArray(String[]::new));
        apps.add(app);
        return app;
    }

    @Override
    public void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
        redis.close();
    }
}
