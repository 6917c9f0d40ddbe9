package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
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
 * must be plain text; it is checked line by line, with the expected answers read from the demo DNS's files (DemoZones).
 */
@Order(7)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalClientTest {

    /** A JVM start, a lookup, and a worker's deadline (5 s) with room for a slow machine. */
    static final Duration COMMAND_BOUND = Duration.ofSeconds(90);
    /** Whose workers are frozen for a partial lookup: any location will do, the last one. */
    static final String FROZEN_LOCATION = Gateway.LOCATIONS.getLast();
    private static final Pattern SPAN_ROW = Pattern.compile(
            "([ !]) ( *)(\\S.*?) +(dns-\\S+) +(server|client|internal|producer|consumer) +(\\d+\\.\\d\\d) +(\\d+\\.\\d\\d)  ([.#]{40})");

    private GeodigTopology topology;
    private DemoZones zones;
    private ExpectedLookupOutput expected;
    private String successTraceId;

    @BeforeAll
    void clientIsBuilt(GeodigTopology topology) {
        this.topology = topology;
        this.zones = new DemoZones(topology);
        this.expected = new ExpectedLookupOutput(zones, Gateway.LOCATIONS);
        assertThat(topology.repoRoot().resolve("cli/target/cli-exec.jar"))
                .as("the client's jar: run the e2e tests through the reactor (./mvnw verify), which packages cli first")
                .isRegularFile();
    }

    private GeodigCommand.ClientRun geodig(String... args) {
        GeodigCommand.ClientRun run = topology.command().run(COMMAND_BOUND, args);
        System.out.println("[e2e] ./geodig " + String.join(" ", args) + ": " + run);
        assertThat(String.join("\n", run.stdout())).as("plain text when output is not a terminal").doesNotContain("\u001b");
        return run;
    }

    @Test
    @Order(1)
    void lookupPrintsEachLocationsOwnAnswersSideBySideMarkedAsDiffering() {
        GeodigCommand.ClientRun run = geodig("lookup", "www.geodig.test", "-t", "A");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderr()).as("%s", run).isEmpty();
        List<String> out = run.stdout();
        int locations = Gateway.LOCATIONS.size();
        int locationsLine = expected.locationsLine();
        assertThat(out).as("%s", run).hasSize(locationsLine + 1 + locations + 3);
        assertThat(out.get(0)).matches("www\\.geodig\\.test: success, " + locations + " of " + locations + " locations answered in \\d+ ms");
        Matcher trace = Pattern.compile("trace ([0-9a-f]{32})").matcher(out.get(1));
        assertThat(trace.matches()).as("trace line: %s", out.get(1)).isTrue();
        successTraceId = trace.group(1);
        List<String> answers = expected.answerBlock("A", "www", null);
        assertThat(answers.getFirst()).as("the demo's answers for www differ").startsWith("A  differs, tailored by location (");
        assertThat(out.get(2)).isEmpty();
        assertThat(out.subList(3, locationsLine - 1)).containsExactlyElementsOf(answers);
        assertThat(out.get(locationsLine - 1)).isEmpty();
        assertThat(out.get(locationsLine)).isEqualTo("locations");
        for (int i = 0; i < locations; i++) {
            assertThat(out.get(locationsLine + 1 + i)).matches(expected.locationRowPattern(Gateway.LOCATIONS.get(i), "success"));
        }
        assertThat(out.subList(locationsLine + 1 + locations, out.size())).as("the hint, with this topology's gateway")
                .containsExactly("",
                        "see the trace:  ./geodig trace " + successTraceId,
                        "            or  " + topology.gatewayUrl() + "/?trace=" + successTraceId);
    }

    @Test
    @Order(2)
    void lookupMarksAnswersThatAreTheSameEverywhere() {
        GeodigCommand.ClientRun run = geodig("lookup", "geodig.test", "--type=NS");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Set<String> nameServers = zones.rdata(Gateway.LOCATIONS.getFirst(), "@", "NS");
        for (String location : Gateway.LOCATIONS) {
            assertThat(zones.rdata(location, "@", "NS")).as("the zones agree on NS, %s", location).isEqualTo(nameServers);
        }
        List<String> sameEverywhere = new ArrayList<>(List.of("NS  same everywhere"));
        Gateway.LOCATIONS.forEach(location -> sameEverywhere.add(expected.row("=", location, "NOERROR", "scope /0", nameServers)));
        assertThat(run.stdout().subList(3, expected.locationsLine() - 1)).as("%s", run).containsExactlyElementsOf(sameEverywhere);
    }

    @Test
    @Order(3)
    void traceOfTheLookupIsAWaterfallOfEveryService() throws InterruptedException {
        assertThat(successTraceId).as("the trace id the first lookup printed").isNotNull();
        long startMicros = System.currentTimeMillis() * 1000;
        int services = TraceInJaegerTest.SERVICES.size();
        // The client itself waits for the spans to settle; a slow machine may need a second look.
        // Bounded by the client's own wait plus the arrival bound: one attempt may take its whole --wait.
        GeodigCommand.ClientRun run = await().atMost(TraceInJaegerTest.ARRIVAL_BOUND.plusSeconds(30))
                .until(() -> geodig("trace", successTraceId, "--wait=30s"), attempt -> attempt.exitCode() == 0
                        && !attempt.stdout().isEmpty() && attempt.stdout().getFirst().contains(" " + services + " services, "));

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<String> out = run.stdout();
        Matcher header = Pattern.compile("trace " + successTraceId + ": (\\d+) spans, " + services + " services, \\d+\\.\\d\\d ms")
                .matcher(out.getFirst());
        assertThat(header.matches()).as("header of %s", run).isTrue();
        assertThat(out.get(1)).startsWith("started  ");
        assertThat(out.get(2)).as("services line").startsWith("services ");
        assertThat(out.get(2).substring("services ".length()).split(" ")).as("services line")
                .containsExactlyInAnyOrderElementsOf(TraceInJaegerTest.SERVICES);
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
        List<String> workers = ServiceNames.workers(Gateway.LOCATIONS);
        assertThat(List.of(root.group(2), root.group(3).strip(), root.group(4), root.group(5)))
                .containsExactly("", "POST /api/v1/dns/lookup", ServiceNames.GATEWAY, "server");
        assertThat(spans.stream().filter(s -> s.group(3).strip().equals("process_dns_task")).map(s -> s.group(4) + " " + s.group(5)))
                .containsExactlyInAnyOrderElementsOf(workers.stream().map(worker -> worker + " consumer").toList());
        assertThat(spans.stream().filter(s -> s.group(3).strip().equals("lookup_a_record")).map(s -> s.group(4)))
                .as("the A lookup at every location, indented under its worker")
                .containsExactlyInAnyOrderElementsOf(workers);
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

        GeodigCommand.ClientRun run = geodig("trace", unknown, "--wait=2s");

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

        GeodigCommand.ClientRun run = geodig("lookup", "a..b");

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
        GeodigCommand.ClientRun run;
        List<String> instances = topology.processes().workerInstances(FROZEN_LOCATION);
        instances.forEach(instance -> topology.processes().signal(instance, "STOP"));
        try {
            run = geodig("lookup", "www.geodig.test", "-t", "A");
        } finally {
            instances.forEach(instance -> topology.processes().signal(instance, "CONT"));
        }

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        List<String> out = run.stdout();
        int locations = Gateway.LOCATIONS.size();
        int locationsLine = expected.locationsLine();
        assertThat(out.get(0)).as("%s", run)
                .matches("www\\.geodig\\.test: partial, " + (locations - 1) + " of " + locations + " locations answered in \\d+ ms");
        assertThat(out.get(2)).as("%s", run).isEmpty();
        assertThat(out.subList(3, locationsLine - 1)).as("%s", run)
                .containsExactlyElementsOf(expected.answerBlock("A", "www", FROZEN_LOCATION));
        assertThat(out.get(locationsLine - 1)).isEmpty();
        assertThat(out.get(locationsLine)).isEqualTo("locations");
        assertThat(out.get(locationsLine + 1 + Gateway.LOCATIONS.indexOf(FROZEN_LOCATION)))
                .matches("  " + Pattern.quote(expected.pad(FROZEN_LOCATION)) + "  timeout\\s+no result within \\d+ ms");

        // Leave the topology as found: the thawed worker answers again before the next test class runs.
        Gateway gateway = new Gateway(topology);
        await(ServiceNames.worker(FROZEN_LOCATION) + " answers again after SIGCONT").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }
}
