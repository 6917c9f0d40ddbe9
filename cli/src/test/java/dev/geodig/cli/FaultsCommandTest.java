package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.contract.faults.FaultsView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code geodig faults}, {@code faults set} and {@code faults clear} as a user types them, against a stand-in gateway on
 * a loopback port: the request each sends, what each prints, and its exit code.
 */
class FaultsCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LOCATIONS = List.of("us-east-1", "eu-west-1", "asia-south-1");
    private static final String FORBIDDEN = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"Changing faults is disabled on this gateway; to allow it, set geodig.gateway.faults.control-enabled=true.\","
            + "\"instance\":\"/api/v1/faults/dns-delay\",\"errors\":[]}";

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env = Map.of();
    private GatewayStandIn gateway;

    @BeforeEach
    void standIn() throws IOException {
        gateway = new GatewayStandIn();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private int run(String... args) {
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        String[] withGateway = new String[args.length + 2];
        withGateway[0] = "--gateway";
        withGateway[1] = gateway.url();
        System.arraycopy(args, 0, withGateway, 2, args.length);
        return GeodigCli.commandLine(io).execute(withGateway);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** A lookup in the terminal says on standard error which faults are on, and nothing when none is. */
    @Test
    void aLookupWhileFaultsAreOnSaysWhichOnStandardError() {
        gateway.answers(200, JSON.writeValueAsString(Reports.success())).answers(200, view("enabled", DELAY));

        run("lookup", "www.geodig.test");

        assertThat(errLines()).containsExactly("geodig: injected faults: 1 fault on: dns-delay eu-west-1 +800 ms 50 % (./geodig faults)");
        assertThat(outLines()).noneMatch(line -> line.contains("injected"));
        assertThat(gateway.requests()).extracting(request -> request.method() + " " + request.target())
                .containsExactly("POST /api/v1/dns/lookup", "GET /api/v1/faults");
        assertThat(gateway.requests().get(1).traceparent()).endsWith("-00");
    }

    @Test
    void aLookupWithNoFaultOnOrAGatewayWithoutTheApiSaysNothingMore() {
        gateway.answers(200, JSON.writeValueAsString(Reports.success())).answers(200, view("enabled"))
                .answers(200, JSON.writeValueAsString(Reports.success())).answers(404, "{\"status\":404}");

        assertThat(run("lookup", "www.geodig.test")).isZero();
        assertThat(run("lookup", "www.geodig.test")).isZero();

        assertThat(errLines()).isEmpty();
    }

    private static String view(String control, FaultSetting... settings) {
        return JSON.writeValueAsString(FaultsView.of(control, LOCATIONS, List.of(settings)));
    }

    private static final FaultSetting DELAY = new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 50, 800, null);
    private static final FaultSetting DROP = new FaultSetting(Fault.WORKER_DROP, "asia-south-1", 30, 0, null);

    @Test
    void theListIsTheBannerThenALinePerSettingOnAndPerFaultOff() {
        gateway.answers(200, view("enabled", DELAY, DROP));

        assertThat(run("faults")).isZero();

        assertThat(outLines()).containsExactly(
                "2 faults on: worker-drop asia-south-1 30 %, dns-delay eu-west-1 +800 ms 50 %",
                "fault               location      setting  rate",
                "worker-fail         -             off",
                "worker-drop         asia-south-1  on       30 %",
                "dns-delay           eu-west-1     +800 ms  50 %",
                "dns-servfail        -             off",
                "worker-exit         -             off",
                "orchestrator-delay  -             off");
        assertThat(errLines()).isEmpty();
        GatewayStandIn.Request request = gateway.requests().getFirst();
        assertThat(request.method() + " " + request.target()).isEqualTo("GET /api/v1/faults");
        assertThat(request.traceparent()).as("reading the faults makes no trace").endsWith("-00");
    }

    @Test
    void withJsonTheListIsTheGatewaysDocument() {
        String document = view("disabled", DROP);
        gateway.answers(200, document);

        assertThat(run("faults", "--json")).isZero();

        assertThat(outLines()).containsExactly(document);
    }

    @Test
    void setSendsTheSettingAndListsTheFaultsAfterIt() {
        gateway.answers(200, view("enabled", DELAY));

        assertThat(run("faults", "set", "dns-delay@eu-west-1", "800ms", "--rate", "50")).isZero();

        GatewayStandIn.Request request = gateway.requests().getFirst();
        assertThat(request.method() + " " + request.target()).isEqualTo("PUT /api/v1/faults/dns-delay");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"location\":\"eu-west-1\",\"rate_percent\":50,\"delay_ms\":800}"));
        assertThat(request.authorization()).as("no token file: none sent").isNull();
        assertThat(outLines().getFirst()).isEqualTo("1 fault on: dns-delay eu-west-1 +800 ms 50 %");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "dns-delay@eu-west-1       | 800ms | PUT /api/v1/faults/dns-delay            | {\"location\":\"eu-west-1\",\"rate_percent\":100,\"delay_ms\":800}",
        "dns-delay@EU-WEST-1       | 2s    | PUT /api/v1/faults/dns-delay            | {\"location\":\"eu-west-1\",\"rate_percent\":100,\"delay_ms\":2000}",
        "dns-delay@eu-west-1       | 1.5s  | PUT /api/v1/faults/dns-delay            | {\"location\":\"eu-west-1\",\"rate_percent\":100,\"delay_ms\":1500}",
        "dns-delay@eu-west-1       | 250   | PUT /api/v1/faults/dns-delay            | {\"location\":\"eu-west-1\",\"rate_percent\":100,\"delay_ms\":250}",
        "orchestrator-delay        | 3s    | PUT /api/v1/faults/orchestrator-delay   | {\"rate_percent\":100,\"delay_ms\":3000}",
        "dns-servfail@us-east-1    | aaaa  | PUT /api/v1/faults/dns-servfail         | {\"location\":\"us-east-1\",\"rate_percent\":100,\"record_type\":\"AAAA\"}",
        "worker-fail@eu-west-1     | 50%   | PUT /api/v1/faults/worker-fail          | {\"location\":\"eu-west-1\",\"rate_percent\":50}",
        "worker-drop@eu-west-1     | 30    | PUT /api/v1/faults/worker-drop          | {\"location\":\"eu-west-1\",\"rate_percent\":30}",
        "worker-exit@eu-west-1     | on    | PUT /api/v1/faults/worker-exit          | {\"location\":\"eu-west-1\",\"rate_percent\":100}",
        "worker-fail@eu-west-1     | off   | DELETE /api/v1/faults/worker-fail?location=eu-west-1 | ''",
        "worker-fail@eu-west-1     | 0%    | DELETE /api/v1/faults/worker-fail?location=eu-west-1 | ''",
        "dns-delay@eu-west-1       | OFF   | DELETE /api/v1/faults/dns-delay?location=eu-west-1   | ''",
        "orchestrator-delay        | off   | DELETE /api/v1/faults/orchestrator-delay             | ''",
    })
    void eachValueBecomesTheRequestItMeans(String target, String value, String sent, String body) {
        gateway.answers(200, view("enabled"));

        assertThat(run("faults", "set", target, value)).as(errLines().toString()).isZero();

        GatewayStandIn.Request request = gateway.requests().getFirst();
        assertThat(request.method() + " " + request.target()).isEqualTo(sent);
        if (body.isEmpty()) {
            assertThat(request.body()).isEmpty();
        } else {
            assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(body));
        }
    }

    @Test
    void clearSwitchesOffEveryFaultOneFaultOrOneFaultInOnePlace() {
        gateway.answers(200, view("enabled")).answers(200, view("enabled")).answers(200, view("enabled"));

        assertThat(run("faults", "clear")).isZero();
        assertThat(run("faults", "clear", "dns-servfail")).isZero();
        assertThat(run("faults", "clear", "dns-delay@asia-south-1")).isZero();

        assertThat(gateway.requests()).extracting(request -> request.method() + " " + request.target()).containsExactly(
                "DELETE /api/v1/faults", "DELETE /api/v1/faults/dns-servfail", "DELETE /api/v1/faults/dns-delay?location=asia-south-1");
        assertThat(outLines()).contains("no faults on");
    }

    @Test
    void theTokenFileIsSentAsABearerTokenFromTheOptionOrTheEnvironment() throws IOException {
        Path option = Files.writeString(directory.resolve("option-token"), "  from-the-option\n");
        Path fromEnv = Files.writeString(directory.resolve("env-token"), "from-the-environment");
        env = Map.of("GEODIG_FAULTS_TOKEN_FILE", fromEnv.toString());
        gateway.answers(200, view("enabled")).answers(200, view("enabled"));

        assertThat(run("faults", "set", "worker-fail@eu-west-1", "on", "--token-file", option.toString())).isZero();
        assertThat(run("faults", "clear")).isZero();

        assertThat(gateway.requests()).extracting(GatewayStandIn.Request::authorization)
                .containsExactly("Bearer from-the-option", "Bearer from-the-environment");
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).doesNotContain("from-the-");
    }

    @Test
    void aRefusalIsTheGatewaysProblemOnStandardErrorAndExitsTwo() {
        gateway.answers(403, FORBIDDEN);

        assertThat(run("faults", "set", "dns-delay@eu-west-1", "800ms")).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(errLines()).containsExactly("geodig: setting dns-delay@eu-west-1 failed: HTTP 403: Changing faults is disabled on"
                + " this gateway; to allow it, set geodig.gateway.faults.control-enabled=true.");
    }

    @Test
    void anUnauthorizedClientIsToldWhichFieldAndExitsTwo() {
        gateway.answers(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Changing faults needs a"
                + " loopback client or the fault-control token.\",\"instance\":\"/api/v1/faults\",\"errors\":[{\"field\":\"Authorization\","
                + "\"reason\":\"is not Bearer with the token of geodig.gateway.faults.token-file\"}]}");

        assertThat(run("faults", "clear")).isEqualTo(2);

        assertThat(errLines()).containsExactly(
                "geodig: clearing the faults failed: HTTP 401: Changing faults needs a loopback client or the fault-control token.",
                "  Authorization: is not Bearer with the token of geodig.gateway.faults.token-file");
    }

    @Test
    void aGatewayThatCannotWriteItsFlagFileExitsThree() {
        gateway.answers(503, "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"The gateway cannot"
                + " write its flag file (geodig.gateway.faults.flag-file); its log says why.\",\"instance\":\"/api/v1/faults/worker-fail\"}");

        assertThat(run("faults", "set", "worker-fail@eu-west-1", "on")).isEqualTo(3);
        assertThat(errLines().getFirst()).startsWith("geodig: setting worker-fail@eu-west-1 failed: HTTP 503: The gateway cannot write");
    }

    @Test
    void anAnswerThatIsNotTheFaultsExitsThree() {
        gateway.answers(200, "{\"traces\":[]}");

        assertThat(run("faults")).isEqualTo(3);
        assertThat(errLines().getFirst()).startsWith("geodig: the answer from " + gateway.url() + " is not the faults");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "set no-such-fault@eu-west-1 on          | 'no-such-fault' is not a fault; the faults are worker-fail, worker-drop, dns-delay",
        "set dns-delay 800ms                     | dns-delay acts in one location: name it, e.g. dns-delay@eu-west-1",
        "set orchestrator-delay@eu-west-1 2s     | orchestrator-delay acts in no one location: give it without @<location>",
        "set dns-delay@eu_west 800ms             | 'eu_west' is not a location (e.g. dns-delay@eu-west-1)",
        "set dns-delay@eu-west-1 soon            | 'soon' is not a delay (e.g. 800ms, 2s, 1.5s, or a number of ms) nor off",
        "set dns-delay@eu-west-1 0ms             | '0ms' is not a delay",
        "set dns-delay@eu-west-1 on              | 'on' is not a delay",
        "set dns-delay@eu-west-1 800ms --rate 0  | --rate must be from 1 to 100 (percent of lookups), not 0",
        "set dns-delay@eu-west-1 800ms --rate 101 | --rate must be from 1 to 100 (percent of lookups), not 101",
        "set dns-delay@eu-west-1 off --rate 5    | off takes no --rate",
        "set worker-fail@eu-west-1 150%          | '150%' is not a share of lookups (0% to 100%, on or off)",
        "set worker-fail@eu-west-1 half          | 'half' is not a share of lookups",
        "set worker-fail@eu-west-1 on --rate 50  | worker-fail takes its rate as its value, e.g. worker-fail@eu-west-1 50%; not --rate",
        "set dns-servfail@eu-west-1 A,AAAA       | 'A,AAAA' is not a record type (e.g. A, AAAA, MX) nor off",
        "set dns-delay@eu-west-1                 | Missing required parameter: '<value>'",
        "clear dns-delay@eu-west-1 extra         | Unmatched argument at index",
        "clear bogus                             | 'bogus' is not a fault",
    })
    void aWrongCommandLineExitsTwoBeforeAnyRequest(String args, String message) {
        String[] words = ("faults " + args).split(" +");

        assertThat(run(words)).isEqualTo(2);

        assertThat(gateway.requests()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(errLines().getFirst()).startsWith("geodig: ").contains(message);
        assertThat(errLines().getLast()).startsWith("Try 'geodig faults ");
    }

    @Test
    void aTokenFileThatCannotBeReadIsAUsageError() throws IOException {
        assertThat(run("faults", "clear", "--token-file", directory.resolve("missing").toString())).isEqualTo(2);
        Files.writeString(directory.resolve("empty"), "\n");
        assertThat(run("faults", "clear", "--token-file", directory.resolve("empty").toString())).isEqualTo(2);
        env = Map.of("GEODIG_FAULTS_TOKEN_FILE", directory.resolve("missing").toString());
        assertThat(run("faults", "set", "worker-fail@eu-west-1", "on")).isEqualTo(2);

        assertThat(gateway.requests()).isEmpty();
        assertThat(errLines()).filteredOn(line -> line.startsWith("geodig: ")).containsExactly(
                "geodig: --token-file: cannot read '" + directory.resolve("missing") + "' (NoSuchFileException: "
                        + directory.resolve("missing") + ")",
                "geodig: --token-file: '" + directory.resolve("empty") + "' holds no token (one line of visible characters without spaces)",
                "geodig: $GEODIG_FAULTS_TOKEN_FILE: cannot read '" + directory.resolve("missing") + "' (NoSuchFileException: "
                        + directory.resolve("missing") + ")");
    }

    @Test
    void noGatewayListeningExitsThree() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        CommandLine commandLine = GeodigCli.commandLine(io);

        assertThat(commandLine.execute("faults", "--gateway", "http://127.0.0.1:" + closedPort)).isEqualTo(3);
        assertThat(commandLine.execute("faults", "set", "worker-fail@eu-west-1", "on", "--gateway", "http://127.0.0.1:" + closedPort))
                .isEqualTo(3);

        assertThat(errLines()).allMatch(line -> line.startsWith("geodig: cannot reach the gateway at http://127.0.0.1:" + closedPort));
    }

    @Test
    void helpShowsTheSyntaxAndTheExitCodes() {
        assertThat(run("faults", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("set", "clear", "Exit codes:", "geodig faults set dns-delay@eu-west-1 800ms --rate 50");
        out.reset();

        assertThat(run("faults", "set", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<fault>[@<location>]", "<value>", "--rate=<percent>", "--token-file=<file>");
    }
}
