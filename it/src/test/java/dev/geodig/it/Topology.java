package dev.geodig.it;

import dev.geodig.orchestrator.OrchestratorApplication;
import dev.geodig.testkit.DemoDns;
import dev.geodig.testkit.GeoMap;
import dev.geodig.testkit.LoopbackHttp;
import dev.geodig.testkit.RedisServer;
import dev.geodig.testkit.TopologyFile;
import dev.geodig.worker.WorkerApplication;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real orchestrator and real workers in this JVM, on a real Redis, every worker asking the real demo DNS
 * (Unbound in front of Knot, {@link DemoDns}) as a client in its location's network: with that location's client
 * subnet from deploy/topology.env, by which the demo zone answers. All share one OpenTelemetry SDK whose spans
 * stay in memory.
 *
 * <p>Both applications' {@code application.yml} are on this module's classpath, where one would
 * shadow the other. So neither is read ({@code spring.config.name} names no file) and every setting a
 * service needs is passed explicitly as a command-line argument.
 */
final class Topology implements AutoCloseable {

    /** The scenarios' own three locations, whatever else deploy/topology.env lists; their subnets are its. */
    static final List<String> LOCATIONS = List.of("us-east-1", "eu-west-1", "asia-south-1");
    static final TopologyFile TOPOLOGY_FILE = TopologyFile.ofRepository(Path.of(".."));
    /** The demo DNS's answers, to compare the workers' with. */
    static final GeoMap GEO = GeoMap.ofRepository(Path.of(".."));

    final RedisServer redis;
    final DemoDns dns;
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private LoopbackHttp orchestratorHttp;
    /** The orchestrator's result deadline, which its workers are told too (as the launcher does). */
    private Duration resultDeadline = Duration.ofSeconds(5);

    Topology(Path workDir) {
        redis = RedisServer.start(workDir.resolve("redis"));
        dns = DemoDns.start(workDir.resolve("dns"));
    }

    /** The answers a location's worker should get: the geo map's for the subnet it sends. */
    static List<String> expectedAnswers(String location, String name, String type) {
        TopologyFile.Location configured = TOPOLOGY_FILE.location(location);
        return GEO.answers(name, type, configured.ecs() ? configured.sentSubnet() : null);
    }

    /** Starts the orchestrator, knowing {@code locations}, and returns its base URL. */
    String startOrchestrator(List<String> locations, String resultsMode, Duration deadline) {
        resultDeadline = deadline;
        ConfigurableApplicationContext app = start(OrchestratorApplication.class, Map.ofEntries(
                Map.entry("spring.main.web-application-type", "servlet"),
                Map.entry("spring.mvc.problemdetails.enabled", "true"),
                Map.entry("server.address", "127.0.0.1"),
                Map.entry("server.port", "0"),
                // Readiness as application.yml has it: DOWN while Redis is unreachable.
                Map.entry("management.endpoints.web.exposure.include", "health"),
                Map.entry("management.endpoint.health.probes.enabled", "true"),
                Map.entry("management.endpoint.health.group.readiness.include", "readinessState,redis"),
                Map.entry("geodig.redis.url", redis.url()),
                Map.entry("geodig.locations", String.join(",", locations)),
                Map.entry("geodig.orchestrator.results-mode", resultsMode),
                Map.entry("geodig.orchestrator.result-deadline", deadline.toMillis() + "ms"),
                Map.entry("geodig.orchestrator.tasks-max-len", "1000")));
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        orchestratorHttp = new LoopbackHttp(base);
        return base;
    }

    /**
     * A worker whose timing fits the orchestrator's deadline, as the worker's start-up check demands: claim-idle and
     * the DNS timeout are the defaults' (2 s, 1 s here) or a quarter of the deadline, whichever is shorter.
     */
    ConfigurableApplicationContext startWorker(String location, String consumerName) {
        Duration quarter = resultDeadline.dividedBy(4);
        Duration claimIdle = quarter.compareTo(Duration.ofSeconds(2)) < 0 ? quarter : Duration.ofSeconds(2);
        return startWorker(location, consumerName, claimIdle);
    }

    ConfigurableApplicationContext startWorker(String location, String consumerName, Duration claimIdle) {
        Duration quarter = resultDeadline.dividedBy(4);
        Duration dnsTimeout = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
        TopologyFile.Location configured = TOPOLOGY_FILE.location(location);
        return start(WorkerApplication.class, Map.ofEntries(
                Map.entry("spring.main.web-application-type", "none"),
                Map.entry("spring.main.keep-alive", "false"),
                Map.entry("geodig.redis.url", redis.url()),
                Map.entry("geodig.worker.location", location),
                Map.entry("geodig.worker.resolvers", dns.resolverAddress()),
                // As the launcher hands them over: the subnet list as configured, the worker sends the first.
                Map.entry("geodig.worker.client-subnet", configured.clientSubnet()),
                Map.entry("geodig.worker.ecs", configured.ecs() ? "on" : "off"),
                Map.entry("geodig.worker.consumer-name", consumerName),
                Map.entry("geodig.worker.claim-idle", claimIdle.toMillis() + "ms"),
                Map.entry("geodig.worker.dns-timeout", dnsTimeout.toMillis() + "ms"),
                Map.entry("geodig.worker.results-max-len", "1000"),
                Map.entry("geodig.orchestrator.result-deadline", resultDeadline.toMillis() + "ms")));
    }

    private ConfigurableApplicationContext start(Class<?> application, Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("--spring.config.name=geodig-it-no-config-file",
                "--spring.threads.virtual.enabled=true"));
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("testOpenTelemetry", OpenTelemetry.class, () -> sdk))
                .run(args.toArray(String[]::new));
        apps.add(app);
        return app;
    }

    /** POSTs a lookup to the orchestrator and returns the report. */
    JsonNode lookup(String body) {
        HttpResponse<String> response = post(body);
        if (response.statusCode() != 200) {
            throw new AssertionError("orchestrator answered " + response.statusCode() + ": " + response.body());
        }
        return JsonMapper.shared().readTree(response.body());
    }

    /** POSTs a lookup to the orchestrator and returns its answer, whatever the status. */
    HttpResponse<String> post(String body) {
        return orchestratorHttp.post("/internal/v1/lookups", "application/json", body);
    }

    /** The orchestrator's readiness: {@code UP} or {@code DOWN}. */
    String orchestratorReadiness() {
        HttpResponse<String> response = orchestratorHttp.get("/actuator/health/readiness");
        return JsonMapper.shared().readTree(response.body()).path("status").asString();
    }

    @Override
    public void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
        if (orchestratorHttp != null) {
            orchestratorHttp.close();
        }
        sdk.close();
        dns.close();
        redis.close();
    }
}
