package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Drills: a part of the running topology is killed with {@code kill -9}, as a crash would, and the
 * test checks what clients see meanwhile, that the supervisor brings the part back by itself, and how
 * long that took; and the trace store is filled past its capacity. Each drill appends its row (drill, what the client saw, time to heal, lookups lost)
 * to {@code e2e/target/drills.md}; docs/reliability.md quotes a run of them.
 */
@Order(8)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillTest {

    /** From the kill to a successful lookup again: a JVM restart on a busy two-core machine included. */
    static final Duration HEAL_BOUND = Duration.ofSeconds(120);
    private static final List<String> A = List.of("A");

    private GeodigTopology topology;
    private TopologyProcesses processes;
    private Gateway gateway;
    private Path drills;

    @BeforeAll
    void connect(GeodigTopology topology) throws IOException {
        this.topology = topology;
        this.processes = topology.processes();
        this.gateway = new Gateway(topology);
        this.drills = topology.repoRoot().resolve("e2e/target/drills.md");
        Files.writeString(drills, "| drill | what the client saw | time to heal | lookups lost |\n|---|---|---|---|\n");
    }

    @Test
    @Order(1)
    void aWorkerKilledUnderLoadLosesNoLookup() throws Exception {
        // Any location will do: the last one's first worker instance.
        String location = Gateway.LOCATIONS.getLast();
        String victim = processes.workerInstances(location).getFirst();
        long before = processes.pid(victim);
        // Four clients look up without pause; the worker dies in the middle of it.
        AtomicBoolean stop = new AtomicBoolean();
        List<HttpJson.Reply> replies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                for (int i = 0; i < 200 && !stop.get(); i++) {
                    replies.add(gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A)));
                }
            }));
        }
        Thread.sleep(Duration.ofSeconds(2));
        long killedAt = System.nanoTime();
        processes.signal(victim, "KILL");
        Duration restarted = awaitRestart(victim, before, killedAt);
        Thread.sleep(Duration.ofSeconds(3));
        stop.set(true);
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        // Every lookup got a report with every location in it; the location's second instance took over
        // (claiming what the dead one held), so any "timeout" of that location is a task answered too late.
        assertThat(replies).isNotEmpty().allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("results").propertyNames()).containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
        });
        long partial = replies.stream().filter(r -> !"success".equals(r.json().path("status").asString())).count();
        List<String> otherLocationsTimedOut = replies.stream().map(HttpJson.Reply::json)
                .flatMap(report -> Gateway.LOCATIONS.stream().filter(l -> !l.equals(location))
                        .filter(l -> "timeout".equals(report.path("results").path(l).path("status").asString())))
                .toList();
        assertThat(otherLocationsTimedOut).as("locations other than the victim's are unaffected").isEmpty();
        record("kill -9 of one of " + location + "'s two workers, 4 clients looking up",
                replies.size() + " lookups, all 200 with every location; " + partial + " partial (" + location + " timeout)",
                "restarted by supervisord after " + seconds(restarted),
                "0 (" + partial + " answered as partial)");
    }

    @Test
    @Order(2)
    void aKilledOrchestratorIsA503AtOnceAndComesBack() {
        long before = processes.pid("dns-orchestrator");
        long killedAt = System.nanoTime();
        processes.signal("dns-orchestrator", "KILL");

        long asked = System.nanoTime();
        HttpJson.Reply during = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.contentType()).startsWith("application/problem+json");
        assertThat(answeredIn).as("the gateway does not wait for an orchestrator that is not there").isLessThan(Duration.ofSeconds(2));

        Duration restarted = awaitRestart("dns-orchestrator", before, killedAt);
        Duration healed = awaitSuccess(killedAt);
        record("kill -9 of the orchestrator", "503 problem+json after " + millis(answeredIn) + " until it is back",
                "restarted after " + seconds(restarted) + ", lookups succeed after " + seconds(healed), "0 (503s, nothing accepted)");
    }

    @Test
    @Order(3)
    void aKilledDnsResolverComesBackWithItsWholeProcessGroup() {
        // The one resolver every location's worker asks.
        String location = Gateway.LOCATIONS.getFirst();
        String server = TopologyProcesses.DNS_RESOLVER;
        // While it is down (stopped, so that the supervisor does not bring it back at once): every location
        // answers that its DNS did not, so the lookup is partial.
        processes.stop(server);
        HttpJson.Reply down;
        try {
            down = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A", "AAAA")));
        } finally {
            processes.start(server);
        }
        assertThat(down.status()).as(down.body()).isEqualTo(200);
        JsonNode report = down.json();
        assertThat(report.path("status").asString()).as(down.body()).isEqualTo("partial");
        for (String each : Gateway.LOCATIONS) {
            assertThat(report.path("results").path(each).path("status").asString()).as("%s in %s", each, down.body())
                    .isEqualTo("error");
        }
        String downRcode = report.path("results").path(location).path("records").path("A").path("rcode").asString();
        assertThat(downRcode).isIn("ERROR", "TIMEOUT");
        awaitSuccess(System.nanoTime());

        long before = processes.pid(server);
        long killedAt = System.nanoTime();
        // The whole server: the process group the supervisor started it in.
        processes.signal(server, "KILL", true);

        HttpJson.Reply during = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
        assertThat(during.status()).as(during.body()).isEqualTo(200);
        String duringRcode = during.json().path("results").path(location).path("records").path("A").path("rcode").asString();
        Duration restarted = awaitRestart(server, before, killedAt);
        Duration healed = awaitSuccess(killedAt);
        record("the demo resolver stopped, then killed with kill -9 (its whole process group)",
                "while stopped: 200 partial, every location error (" + location + "'s A " + downRcode + ");"
                        + " right after the kill: " + location + "'s A " + duringRcode,
                "restarted after " + seconds(restarted) + ", lookups succeed after " + seconds(healed), "0");
    }

    @Test
    @Order(4)
    void aKilledRedisIsA503AtOnceAndEverythingHealsWithoutARestart() {
        List<String> services = new ArrayList<>(List.of("dns-orchestrator", "dns-gateway"));
        Gateway.LOCATIONS.forEach(location -> services.addAll(processes.workerInstances(location)));
        List<Long> servicePids = services.stream().map(processes::pid).toList();
        long before = processes.pid("redis");
        long killedAt = System.nanoTime();
        processes.signal("redis", "KILL");

        long asked = System.nanoTime();
        HttpJson.Reply during = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
        // The supervisor may have Redis back before the lookup arrives: then it is served as usual.
        assertThat(during.status()).as(during.body()).isIn(200, 503);
        assertThat(answeredIn).as("no lookup waits out the result deadline for a Redis that is gone").isLessThan(Duration.ofSeconds(2));

        Duration restarted = awaitRestart("redis", before, killedAt);
        // Redis comes back empty (no persistence): groups and readers recover without any restart.
        Duration healed = awaitSuccess(killedAt);
        assertThat(services.stream().map(processes::pid).toList()).as("no service was restarted").isEqualTo(servicePids);
        record("kill -9 of Redis (back empty: no persistence)",
                "HTTP " + during.status() + " after " + millis(answeredIn) + " right after the kill",
                "restarted after " + seconds(restarted) + ", lookups succeed after " + seconds(healed) + ", no service restarted",
                "0 (503s while it was down)");
    }

    @Test
    @Order(5)
    void killedCollectorsDoNotStopLookupsAndTracesFlowAgain() {
        List<String> collectors = List.of("collector-gateway", "collector-orchestrator", "collector-central");
        List<Long> before = collectors.stream().map(processes::pid).toList();
        long killedAt = System.nanoTime();
        collectors.forEach(name -> processes.signal(name, "KILL"));

        HttpJson.Reply during = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
        assertThat(during.status()).as(during.body()).isEqualTo(200);
        assertThat(during.json().path("status").asString()).isEqualTo("success");
        Duration restarted = Duration.ZERO;
        for (int i = 0; i < collectors.size(); i++) {
            Duration each = awaitRestart(collectors.get(i), before.get(i), killedAt);
            restarted = each.compareTo(restarted) > 0 ? each : restarted;
        }

        // A lookup after the restart has its whole trace in Jaeger again.
        Jaeger jaeger = new Jaeger(topology);
        await("a lookup's full trace reaches Jaeger after the collectors restart").atMost(HEAL_BOUND).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
            String traceId = reply.json().path("trace_id").asString();
            return jaeger.awaitTrace(traceId, Duration.ofSeconds(10), t -> t.services().containsAll(TraceInJaegerTest.SERVICES))
                    .filter(t -> t.services().containsAll(TraceInJaegerTest.SERVICES)).isPresent();
        });
        Duration tracesBack = Duration.ofNanos(System.nanoTime() - killedAt);
        record("kill -9 of the three collectors", "lookups 200 success throughout",
                "restarted after " + seconds(restarted) + ", a lookup's full trace in Jaeger after " + seconds(tracesBack),
                "0 lookups (spans sent while they were down are lost)");
    }

    @Test
    @Order(6)
    void pastTheTraceStoresCapacityTheLatestLookupsTraceIsThere() throws Exception {
        // The e2e topology keeps GeodigTopology.JAEGER_MAX_TRACES traces; this drill makes half as many
        // again, then looks for the newest trace and the oldest one of the drill.
        int lookups = GeodigTopology.JAEGER_MAX_TRACES * 3 / 2;
        String first = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A)).json().path("trace_id").asString();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<HttpJson.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            replies.add(clients.submit(() -> gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A))));
        }
        for (Future<HttpJson.Reply> reply : replies) {
            assertThat(reply.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        clients.shutdown();
        String latest = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A)).json().path("trace_id").asString();

        Jaeger jaeger = new Jaeger(topology);
        Optional<JaegerTrace> newest = jaeger.awaitTrace(latest, Duration.ofSeconds(30),
                trace -> trace.services().containsAll(TraceInJaegerTest.SERVICES));
        assertThat(newest).as("the latest lookup's trace, after %d lookups into a store of %d", lookups + 2,
                GeodigTopology.JAEGER_MAX_TRACES).isPresent();
        assertThat(newest.get().services()).containsAll(TraceInJaegerTest.SERVICES);
        assertThat(jaeger.traces(first)).as("the oldest trace of the drill made room").isEmpty();
        record("trace store past capacity: " + (lookups + 2) + " lookups into max_traces " + GeodigTopology.JAEGER_MAX_TRACES,
                "all 200; the latest lookup's full trace in Jaeger, the drill's first one evicted", "-", "0");
    }

    /** Waits until the supervisor runs a new process under {@code name}; the time since the kill. */
    private Duration awaitRestart(String name, long killedPid, long killedAt) {
        // topology.pid throws while nothing runs under the name yet.
        await(name + " restarted by its supervisor").atMost(HEAL_BOUND).ignoreException(IllegalStateException.class)
                .until(() -> processes.pid(name) != killedPid);
        return Duration.ofNanos(System.nanoTime() - killedAt);
    }

    /** Waits until a lookup of every location succeeds again; the time since the kill. */
    private Duration awaitSuccess(long killedAt) {
        await("lookups succeed again").atMost(HEAL_BOUND).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
        return Duration.ofNanos(System.nanoTime() - killedAt);
    }

    private void record(String drill, String clientSaw, String timeToHeal, String lost) {
        String row = "| " + drill + " | " + clientSaw + " | " + timeToHeal + " | " + lost + " |\n";
        System.out.print("[e2e] drill: " + row);
        try {
            Files.writeString(drills, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
