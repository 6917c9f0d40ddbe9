package dev.geodig.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Streams;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The fan-out of docs/architecture.md below the HTTP layer: one task published, every location's group
 * receiving it, every worker asking the one demo resolver with its location's client subnet and getting that
 * network's answers, the orchestrator gathering the answers; and what happens when a location has no worker
 * or a worker dies holding a task.
 */
class GeoFanOutTest {

    private static final String DEMO_REQUEST = """
            {"domain":"www.geodig.test","locations":["us-east-1","eu-west-1","asia-south-1"],"record_types":["A","AAAA"]}""";

    @TempDir
    Path workDir;

    private Topology topology;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void startInfrastructure() {
        topology = new Topology(workDir);
        client = RedisClient.create(topology.redis.url());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void stopEverything() {
        connection.close();
        client.shutdown();
        topology.close();
    }

    @ParameterizedTest(name = "results-mode={0}")
    @ValueSource(strings = {"shared-reader", "group-per-request"})
    void oneTaskReachesEveryLocationAndEveryAnswerComesBack(String resultsMode) {
        topology.startOrchestrator(Topology.LOCATIONS, resultsMode, Duration.ofSeconds(10));
        for (String location : Topology.LOCATIONS) {
            topology.startWorker(location, location + "-1");
        }

        JsonNode report = topology.lookup(DEMO_REQUEST);

        assertThat(report.path("status").asString()).isEqualTo("success");
        String traceId = report.path("trace_id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(names(report.path("results"))).containsExactly("us-east-1", "eu-west-1", "asia-south-1");
        for (String location : Topology.LOCATIONS) {
            JsonNode result = report.path("results").path(location);
            assertThat(result.path("status").asString()).as(location).isEqualTo("success");
            assertThat(values(result.path("records").path("A"))).as(location + " A")
                    .containsExactlyInAnyOrderElementsOf(Topology.expectedAnswers(location, "www", "A"));
            assertThat(values(result.path("records").path("AAAA"))).as(location + " AAAA")
                    .containsExactlyInAnyOrderElementsOf(Topology.expectedAnswers(location, "www", "AAAA"));
            // The lookup says which subnet it sent and that the answer was chosen for that network (scope /24).
            JsonNode ecs = result.path("records").path("A").path("ecs");
            assertThat(ecs.path("subnet").asString()).as(location + " ecs").isEqualTo(Topology.TOPOLOGY_FILE.location(location).sentSubnet());
            assertThat(ecs.path("scope_prefix").asInt()).as(location + " scope").isEqualTo(24);
        }
        // Geography shows: no two locations gave the same addresses.
        Set<List<String>> distinctAnswers = Topology.LOCATIONS.stream()
                .map(l -> values(report.path("results").path(l).path("records").path("A")))
                .collect(Collectors.toSet());
        assertThat(distinctAnswers).hasSize(3);
        // ...and the report says so itself, per record type, one group per location.
        for (JsonNode agreement : report.path("agreement")) {
            assertThat(agreement.path("verdict").asString()).as(agreement.toString()).isEqualTo("differ");
            assertThat(agreement.path("tailored").asBoolean()).as("tailored: %s", agreement).isTrue();
            assertThat(agreement.path("groups").valueStream().map(g -> g.path("locations").get(0).asString()).toList())
                    .containsExactlyElementsOf(Topology.LOCATIONS);
        }
        assertThat(report.path("agreement").valueStream().map(a -> a.path("record_type").asString()).toList())
                .containsExactly("A", "AAAA");

        // One XADD; every location's group read it and acknowledged it; one result per location.
        assertThat(redis.xlen(Streams.TASKS)).isEqualTo(1);
        assertThat(redis.xrange(Streams.RESULTS, io.lettuce.core.Range.create("-", "+"))).hasSize(3);
        for (String location : Topology.LOCATIONS) {
            assertThat(redis.xpending(Streams.TASKS, Streams.workerGroup(location)).getCount())
                    .as("pending in " + Streams.workerGroup(location)).isZero();
        }
        assertThat(groupNames(Streams.TASKS)).containsExactlyInAnyOrder(
                "workers-us-east-1", "workers-eu-west-1", "workers-asia-south-1");
        // No per-request group is left behind on the results stream, in either mode.
        assertThat(groupNames(Streams.RESULTS)).noneMatch(g -> g.startsWith("orchestrator-"));

        // One trace: every worker's process_dns_task is in the trace the orchestrator started.
        List<SpanData> processed = topology.spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("process_dns_task")).toList();
        assertThat(processed).hasSize(3).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
        SpanData publish = topology.spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("publish_dns_task")).findFirst().orElseThrow();
        assertThat(processed).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(publish.getSpanId()));
    }

    @Test
    void aLocationWithoutAWorkerIsReportedAsTimeoutAndTheLookupAsPartial() {
        List<String> locations = List.of("us-east-1", "eu-west-1", "asia-south-1", "sa-east-1");
        topology.startOrchestrator(locations, "shared-reader", Duration.ofMillis(1500));
        for (String location : Topology.LOCATIONS) {
            topology.startWorker(location, location + "-1");
        }

        JsonNode report = topology.lookup("""
                {"domain":"www.geodig.test","locations":["us-east-1","sa-east-1","eu-west-1"],"record_types":["A"]}""");

        assertThat(report.path("status").asString()).isEqualTo("partial");
        assertThat(names(report.path("results"))).containsExactly("us-east-1", "sa-east-1", "eu-west-1");
        assertThat(report.path("results").path("sa-east-1").path("status").asString()).isEqualTo("timeout");
        assertThat(report.path("results").path("us-east-1").path("status").asString()).isEqualTo("success");
        assertThat(report.path("results").path("eu-west-1").path("status").asString()).isEqualTo("success");
        // asia-south-1 was not asked: its worker acknowledged the task without answering.
        assertThat(redis.xlen(Streams.RESULTS)).isEqualTo(2);
        assertThat(redis.xpending(Streams.TASKS, Streams.workerGroup("asia-south-1")).getCount()).isZero();
    }

    @Test
    void aTaskHeldByADeadWorkerIsFinishedByTheOtherInstanceOfItsLocation() throws Exception {
        topology.startOrchestrator(Topology.LOCATIONS, "shared-reader", Duration.ofSeconds(20));
        topology.startWorker("eu-west-1", "eu-west-1-1");
        topology.startWorker("asia-south-1", "asia-south-1-1");
        redis.xgroupCreate(XReadArgs.StreamOffset.latest(Streams.TASKS), Streams.workerGroup("us-east-1"),
                io.lettuce.core.XGroupCreateArgs.Builder.mkstream());

        // A us-east-1 worker that reads the task and dies before acknowledging it: the entry stays in
        // its pending list, as after a crash (or kill -9) between XREADGROUP and XACK.
        CompletableFuture<List<StreamMessage<String, String>>> crashedRead = CompletableFuture.supplyAsync(() -> {
            try (StatefulRedisConnection<String, String> doomed = client.connect()) {
                return doomed.sync().xreadgroup(io.lettuce.core.Consumer.from(Streams.workerGroup("us-east-1"), "crashed-worker"),
                        XReadArgs.Builder.block(Duration.ofSeconds(15)).count(1),
                        XReadArgs.StreamOffset.lastConsumed(Streams.TASKS));
            }
        });
        CompletableFuture<JsonNode> report = CompletableFuture.supplyAsync(() -> topology.lookup(DEMO_REQUEST));
        List<StreamMessage<String, String>> taken = crashedRead.get();
        assertThat(taken).hasSize(1);
        assertThat(redis.xpending(Streams.TASKS, Streams.workerGroup("us-east-1")).getCount()).isEqualTo(1);

        // The surviving instance of the location claims it once it has been idle long enough.
        topology.startWorker("us-east-1", "us-east-1-survivor", Duration.ofMillis(500));

        JsonNode answered = report.get();
        assertThat(answered.path("status").asString()).isEqualTo("success");
        assertThat(values(answered.path("results").path("us-east-1").path("records").path("A")))
                .containsExactlyInAnyOrderElementsOf(Topology.expectedAnswers("us-east-1", "www", "A"));
        assertThat(redis.xpending(Streams.TASKS, Streams.workerGroup("us-east-1")).getCount()).isZero();
    }

    private List<String> groupNames(String stream) {
        List<String> names = new ArrayList<>();
        for (Object group : redis.xinfoGroups(stream)) {
            @SuppressWarnings("unchecked")
            List<Object> fields = (List<Object>) group;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("name".equals(String.valueOf(fields.get(i)))) {
                    names.add(String.valueOf(fields.get(i + 1)));
                }
            }
        }
        return names;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> values(JsonNode lookup) {
        List<String> values = new ArrayList<>();
        lookup.path("answers").forEach(a -> values.add(a.path("value").asString()));
        return values;
    }
}
