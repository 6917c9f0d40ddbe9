package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The terminal client as a user runs it: {@code ./geodig lookup} and {@code ./geodig trace} against the
 * running topology, so the launcher's commands are proven too. Output goes to files, as in a pipe, so it
 * must be plain text; it is checked line by line, with the expected answers read from the zone files.
 */
@Order(7)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalClientTest {

    /** A JVM start, a lookup, and a worker's deadline (5 s) with room for a slow machine. */
    static final Duration COMMAND_BOUND = Duration.ofSeconds(90);
    static final String FROZEN_LOCATION = "asia-south-1";
    private static final Pattern SPAN_ROW = Pattern.compile(
            "([ !]) ( *)(\\S.*?) +(dns-\\S+) +(server|client|internal|producer|consumer) +(\\d+\\.\\d\\d) +(\\d+\\.\\d\\d)  ([.#]{40})");

    private GeodigTopology topology;
    private DemoZones zones;
    private int locationWidth;
    private String successTraceId;

    @BeforeAll
    void clientIsBuilt(GeodigTopology topology) {
        this.topology = topology;
        this.zones = new DemoZones(topology);
        this.locationWidth = Gateway.LOCATIONS.stream().mapToInt(String::length).max().orElseThrow();
        assertThat(topology.repoRoot().resolve("cli/target/cli-exec.jar"))
                .as("the client's jar: run the e2e tests through the reactor (./mvnw verify), which packages cli first")
                .isRegularFile();
    }

    private GeodigTopology.ClientRun geodig(String... args) {
        GeodigTopology.ClientRun run = topology.runClient(COMMAND_BOUND, args);
        System.out.println("[e2e] ./geodig " + String.join(" ", args) + ": " + run);
        assertThat(String.join("\n", run.stdout())).as("plain text when output is not a terminal").doesNotContain("\u001b");
        return run;
    }

    /** One location's row: marker, location, rcode, its zone's answers as the gateway compares them (sorted). */
    private String row(String marker, String location, String rcode, Set<String> answers) {
        return "  " + marker + "  " + pad(location) + "  " + rcode + "  " + String.join(", ", new TreeSet<>(answers));
    }

    private String pad(String location) {
        return location + " ".repeat(locationWidth - location.length());
    }

    @Test
    @Order(1)
    void lookupPrintsEachLocationsOwnAnswersSideBySideMarkedAsDiffering() {
        GeodigTopology.ClientRun run = geodig("lookup", "www.geodig.test", "-t", "A");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderr()).as("%s", run).isEmpty();
        List<String> out = run.stdout();
        assertThat(out).as("%s", run).hasSize(15);
        assertThat(out.get(0)).matches("www\\.geodig\\.test: success, 3 of 3 locations answered in \\d+ ms");
        Matcher trace = Pattern.compile("trace ([0-9a-f]{32})").matcher(out.get(1));
        assertThat(trace.matches()).as("trace line: %s", out.get(1)).isTrue();
        successTraceId = trace.group(1);
        assertThat(out.subList(2, 8)).containsExactly(
                "",
                "A  differs (3 different answers)",
                row("a", "us-east-1", "NOERROR", zones.rdata("us-east-1", "www", "A")),
                row("b", "eu-west-1", "NOERROR", zones.rdata("eu-west-1", "www", "A")),
                row("c", "asia-south-1", "NOERROR", zones.rdata("asia-south-1", "www", "A")),
                "");
        assertThat(out.get(8)).isEqualTo("locations");
        for (int i = 0; i < Gateway.LOCATIONS.size(); i++) {
            assertThat(out.get(9 + i)).matches("  " + Pattern.quote(pad(Gateway.LOCATIONS.get(i))) + "  success  \\d+ ms");
        }
        assertThat(out.subList(12, 15)).as("the hint, with this topology's gateway").containsExactly(
                "",
                "see the trace:  ./geodig trace " + successTraceId,
                "            or  " + topology.gatewayUrl() + "/?trace=" + successTraceId);
    }

    @Test
    @Order(2)
    void lookupMarksAnswersThatAreTheSameEverywhere() {
        GeodigTopology.ClientRun run = geodig("lookup", "geodig.test", "--type=NS");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Set<String> nameServers = zones.rdata("us-east-1", "@", "NS");
        for (String location : Gateway.LOCATIONS) {
            assertThat(zones.rdata(location, "@", "NS")).as("the zones agree on NS, %s", location).isEqualTo(nameServers);
        }
        assertThat(run.stdout().subList(3, 7)).as("%s", run).containsExactly(
                "NS  same everywhere",
                row("=", "us-east-1", "NOERROR", nameServers),
                row("=", "eu-west-1", "NOERROR", nameServers),
                row("=", "asia-south-1", "NOERROR", nameServers));
    }

    @Test
    @Order(3)
    void traceOfTheLookupIsAWaterfallOfTheFiveServices() throws InterruptedException {
        assertThat(successTraceId).as("the trace id the first lookup printed").isNotNull();
        long startMicros = System.currentTimeMillis() * 1000;
        // The client itself waits for the spans to settle; a slow machine may need a second look.
        // Bounded by the client's own wait plus the arrival bound: one attempt may take its whole --wait.
        GeodigTopology.ClientRun run = await().atMost(SeedTraceTest.ARRIVAL_BOUND.plusSeconds(30))
                .until(() -> geodig("trace", successTraceId, "--wait=30s"), attempt -> attempt.exitCode() == 0
                        && !attempt.stdout().isEmpty() && attempt.stdout().getFirst().contains(" 5 services, "));

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<String> out = run.stdout();
        Matcher header = Pattern.compile("trace " + successTraceId + ": (\\d+) spans, 5 services, \\d+\\.\\d\\d ms")
                .matcher(out.getFirst());
        assertThat(header.matches()).as("header of %s", run).isTrue();
        assertThat(out.get(1)).startsWith("started  ");
        assertThat(out.get(2).split(" ")).as("services line").containsExactlyInAnyOrder(
                "services", "dns-gateway", "dns-orchestrator", "dns-worker-us-east-1", "dns-worker-eu-west-1", "dns-worker-asia-south-1");
        int spanCount = Integer.parseInt(header.group(1));
        int columns = out.indexOf("") + 1;
        assertThat(out.get(columns)).matches("  span +service +kind +start ms +dur ms  0 +\\d+\\.\\d\\d ms");
        List<String> rows = out.subList(columns + 1, out.size());
        assertThat(rows).as("one row per span").hasSize(spanCount);

        List<Matcher> spans = new ArrayList<>();
        for (String row : rows) {
            Matcher span = SPAN_ROW.matcher(row);
            assertThat(span.matches()).as("span row '%s'", row).isTrue();
            assertThat(span.group(1)).as("no span failed: %s", row).isEqualTo(" ");
            assertThat(span.group(8)).as("every bar shows, at least one cell: %s", row).contains("#");
            spans.add(span);
        }
        Matcher root = spans.getFirst();
        assertThat(List.of(root.group(2), root.group(3).strip(), root.group(4), root.group(5)))
                .containsExactly("", "POST /api/v1/dns/lookup", "dns-gateway", "server");
        assertThat(spans.stream().filter(s -> s.group(3).strip().equals("process_dns_task")).map(s -> s.group(4) + " " + s.group(5)))
                .containsExactlyInAnyOrder("dns-worker-us-east-1 consumer", "dns-worker-eu-west-1 consumer",
                        "dns-worker-asia-south-1 consumer");
        assertThat(spans.stream().filter(s -> s.group(3).strip().equals("lookup_a_record")).map(s -> s.group(4)))
                .as("the A lookup at every location, indented under its worker")
                .containsExactlyInAnyOrder("dns-worker-us-east-1", "dns-worker-eu-west-1", "dns-worker-asia-south-1");
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).group(2).length()).as("indentation steps one level at a time: %s", rows.get(i))
                    .isLessThanOrEqualTo(spans.get(i - 1).group(2).length() + 2).isGreaterThan(0);
        }

        // Looking at a trace makes no trace: the client's fetches go out unsampled (ADR 0003). Anything
        // the gateway had recorded for them would have reached Jaeger along with the trace just read.
        Thread.sleep(Duration.ofSeconds(2));
        assertThat(new Jaeger(topology).tracesSince("dns-gateway", startMicros))
                .as("traces the gateway recorded while the client fetched a trace").isEmpty();
    }

    @Test
    @Order(4)
    void traceThatNeverArrivesExitsOneAfterTheWait() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String unknown = HexFormat.of().formatHex(id);
        Instant started = Instant.now();

        GeodigTopology.ClientRun run = geodig("trace", unknown, "--wait=2s");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(Duration.between(started, Instant.now())).as("it waited").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(run.stdout()).as("%s", run).isEmpty();
        assertThat(run.stderr().getLast()).as("%s", run).startsWith("geodig: no trace " + unknown + " in Jaeger after 2s");
    }

    @Test
    @Order(5)
    void rejectedLookupExitsTwoWithTheGatewaysReasonsOnStandardError() {
        // What the gateway itself says about this name, so the test does not copy its wording.
        JsonNode problem = new Gateway(topology).lookup(Gateway.body("a..b", null, null)).json();
        String domainReason = null;
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asString().equals("domain")) {
                domainReason = error.path("reason").asString();
            }
        }
        assertThat(domainReason).as("the gateway's reason for 'domain' in %s", problem).isNotBlank();

        GeodigTopology.ClientRun run = geodig("lookup", "a..b");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stdout()).as("nothing on standard output: %s", run).isEmpty();
        assertThat(run.stderr()).as("%s", run).hasSize(3);
        assertThat(run.stderr().get(0)).isEqualTo("geodig: lookup failed: HTTP 400: " + problem.path("detail").asString());
        assertThat(run.stderr().get(1)).isEqualTo("  domain: " + domainReason);
        assertThat(run.stderr().get(2)).matches("  \\(trace [0-9a-f]{32}\\)");
    }

    @Test
    @Order(6)
    void lookupWithAFrozenWorkerIsPartialAndExitsOne() {
        GeodigTopology.ClientRun run;
        List<String> instances = topology.workerInstances(FROZEN_LOCATION);
        instances.forEach(instance -> topology.signal(instance, "STOP"));
        try {
            run = geodig("lookup", "www.geodig.test", "-t", "A");
        } finally {
            instances.forEach(instance -> topology.signal(instance, "CONT"));
        }

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        List<String> out = run.stdout();
        assertThat(out.get(0)).as("%s", run).matches("www\\.geodig\\.test: partial, 2 of 3 locations answered in \\d+ ms");
        assertThat(out.subList(2, 8)).as("%s", run).containsExactly(
                "",
                "A  differs (2 different answers; no answer from asia-south-1)",
                row("a", "us-east-1", "NOERROR", zones.rdata("us-east-1", "www", "A")),
                row("b", "eu-west-1", "NOERROR", zones.rdata("eu-west-1", "www", "A")),
                "  -  " + pad("asia-south-1") + "  (no result: timeout)",
                "");
        assertThat(out.get(8)).isEqualTo("locations");
        assertThat(out.get(11)).matches("  asia-south-1  timeout  no result within \\d+ ms");

        // Leave the topology as found: the thawed worker answers again before the next test class runs.
        Gateway gateway = new Gateway(topology);
        await("dns-worker-" + FROZEN_LOCATION + " answers again after SIGCONT").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(SeedLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }
}
