package dev.geodig.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Streams;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.api.common.AttributeKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real orchestrator and real workers through outages: Redis killed and started again, empty, on the same
 * port; a backlog of tasks whose deadlines passed while no worker read them. Everything heals by itself, and
 * the measured figures are printed. Durations are compared with the configured deadline, not a stopwatch.
 */
class OutageRecoveryTest {

    /** The orchestrator's default, which the workers' start-up checks use too. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final String REQUEST = """
            {"domain":"www.geodig.test","locations":["us-east-1","eu-west-1","asia-south-1"],"record_types":["A","AAAA"]}""";

    @TempDir
    Path workDir;

    private Topology topology;

    @BeforeEach
    void startInfrastructure() {
        topology = new Topology(workDir);
    }

    @AfterEach
    void stopEverything() {
        topology.close();
    }

    private void startServices() {
        topology.startOrchestrator(Topology.LOCATIONS, "shared-reader", DEADLINE);
        for (String location : Topology.LOCATIONS) {
            topology.startWorker(location, location + "-1");
        }
    }

    /** A Redis connection of the test's own, opened for one use: a restart would leave an older one reconnecting slowly. */
    private <T> T withRedis(Function<RedisCommands<String, String>, T> use) {
        RedisClient client = RedisClient.create(topology.redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return use.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void redisKilledGivesA503AtOnceAndRedisBackEmptyHealsEverythingWithoutARestart() {
        startServices();
        assertThat(topology.lookup(REQUEST).path("status").asString()).isEqualTo("success");

        topology.redis.kill();
        long killed = System.nanoTime();
        HttpResponse<String> during = topology.post(REQUEST);
        long answeredMs = millisSince(killed);

        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(during).path("detail").asString()).startsWith("Redis, the task store, cannot be reached");
        // Far from the result deadline the lookup would otherwise have waited out.
        assertThat(answeredMs).isLessThan(DEADLINE.dividedBy(4).toMillis());
        assertThat(topology.orchestratorReadiness()).isEqualTo("DOWN");

        topology.redis.startAgain();
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> "UP".equals(topology.orchestratorReadiness()));
        long readyMs = millisSince(restarted);

        // The very first lookup once the orchestrator is ready again: no group, no stream exists yet, and the
        // workers have perhaps not noticed the restart. They re-create their groups from the stream's start, so
        // they still get this task; the results reader follows its last id into the new stream.
        long firstLookup = System.nanoTime();
        JsonNode first = topology.lookup(REQUEST);
        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("success");
        long firstMs = millisSince(firstLookup);
        assertThat(Duration.ofMillis(firstMs)).isLessThan(DEADLINE);

        List<String> groups = withRedis(redis -> redis.xinfoGroups(Streams.TASKS).stream().map(Object::toString).toList());
        for (String location : Topology.LOCATIONS) {
            assertThat(groups).anySatisfy(g -> assertThat(g).contains(Streams.workerGroup(location)));
        }
        System.out.printf("Redis killed: 503 after %d ms. Redis back empty: orchestrator ready after %d ms, first lookup"
                + " after it succeeded in %d ms (deadline %d ms)%n", answeredMs, readyMs, firstMs, DEADLINE.toMillis());
    }

    @Test
    void aBacklogOfExpiredTasksIsAcknowledgedWithoutDnsWorkAndTheLookupBehindItIsAnswered() throws Exception {
        // Under the topology's tasks-max-len (1000): a longer backlog is trimmed by the orchestrator's next XADD, and
        // trimmed entries are never delivered at all (nor would they be worth anything).
        int backlog = 900;
        // The workers were away while tasks piled up in their groups, long enough for every deadline to pass.
        Instant longAgo = Instant.now().minusSeconds(600);
        withRedis(redis -> {
            for (String location : Topology.LOCATIONS) {
                redis.xgroupCreate(XReadArgs.StreamOffset.latest(Streams.TASKS), Streams.workerGroup(location),
                        XGroupCreateArgs.Builder.mkstream());
            }
            for (int i = 0; i < backlog; i++) {
                String id = "%032x".formatted(i + 1);
                redis.xadd(Streams.TASKS, MessageCodec.encode(new DnsTask(id, id, "www.geodig.test", List.of("A", "AAAA", "MX"),
                        List.of(), longAgo, longAgo.plus(DEADLINE), Map.of())));
            }
            return null;
        });
        // A deadline that leaves room for starting three workers one after the other in this JVM.
        Duration deadline = Duration.ofSeconds(20);
        topology.startOrchestrator(Topology.LOCATIONS, "shared-reader", deadline);
        // Published before any worker runs: in every group it comes after the whole backlog.
        CompletableFuture<JsonNode> lookup = CompletableFuture.supplyAsync(() -> topology.lookup(REQUEST));
        await().atMost(Duration.ofSeconds(10)).until(() -> withRedis(redis -> redis.xlen(Streams.TASKS)) == backlog + 1);

        long lastDrainMs = 0;
        for (String location : Topology.LOCATIONS) {
            topology.startWorker(location, location + "-1");
            long started = System.nanoTime();
            await().atMost(deadline).pollInterval(Duration.ofMillis(20)).until(() -> drained(location));
            lastDrainMs = millisSince(started);
        }
        JsonNode report = lookup.get(30, TimeUnit.SECONDS);

        assertThat(report.path("status").asString()).as(report.toString()).isEqualTo("success");
        // Only the lookup's three results were published, and DNS was asked for its record types only.
        long results = withRedis(redis -> redis.xlen(Streams.RESULTS));
        assertThat(results).isEqualTo(3);
        assertThat(topology.spans.getFinishedSpanItems()).filteredOn(s -> s.getName().equals("lookup_all_records")).hasSize(3);
        await().atMost(Duration.ofSeconds(15)).until(() -> topology.spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("process_dns_task"))
                .filter(s -> Boolean.TRUE.equals(s.getAttributes().get(AttributeKey.booleanKey("geodig.task.expired"))))
                .count() == (long) backlog * Topology.LOCATIONS.size());
        // The backlog of one location takes its worker well under one result deadline to clear.
        assertThat(Duration.ofMillis(lastDrainMs)).isLessThan(DEADLINE);
        System.out.printf("%d expired tasks (then the lookup's) drained by a freshly started worker in %d ms; the lookup"
                + " behind them: %s%n", backlog, lastDrainMs, report.path("status").asString());
    }

    /** The location's group has read everything (no lag) and acknowledged everything (nothing pending). */
    private boolean drained(String location) {
        return withRedis(redis -> redis.xinfoGroups(Streams.TASKS).stream().map(Object::toString)
                .filter(g -> g.contains("name, " + Streams.workerGroup(location) + ","))
                .allMatch(g -> g.contains("pending, 0,") && g.endsWith("lag, 0]")));
    }
}
