package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a user types it: parsing, usage errors, and what happens with no gateway there. */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env = Map.of();

    private int run(String... args) {
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return GeodigCli.commandLine(io).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static CommandLine.ParseResult parse(String... args) {
        return GeodigCli.commandLine(new Io(System.out, System.err, Map.of(), false)).parseArgs(args);
    }

    @Test
    void lookupOptionsAreListsNormalizedAsTheGatewayWritesThem() {
        CommandLine.ParseResult lookup = parse("lookup", "www.geodig.test", "-t", "a,aaaa", "--type=MX", "-l", "US-EAST-1,eu-west-1").subcommand();

        assertThat(lookup.matchedPositionalValue(0, "")).isEqualTo("www.geodig.test");
        assertThat(lookup.<List<String>>matchedOptionValue("-t", List.of())).containsExactly("A", "AAAA", "MX");
        assertThat(lookup.<List<String>>matchedOptionValue("-l", List.of())).containsExactly("us-east-1", "eu-west-1");
    }

    @Test
    void aBadRecordTypeListIsAUsageErrorBeforeAnyRequest() {
        assertThat(run("lookup", "www.geodig.test", "-t", "A,,MX", "--gateway", "http://127.0.0.1:1")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(errLines()).containsExactly(
                "geodig: Invalid value for option '--type' (<type>): '' is not a record type (letters and digits, e.g. A, AAAA, MX; several: -t A,AAAA)",
                "Try 'geodig lookup --help' for more information.");
    }

    @Test
    void otherUsageErrorsExitTwoWithOneLineAndAHint() {
        assertThat(run("lookup", "x.test", "-t", "A MX")).isEqualTo(2);
        assertThat(run("lookup", "x.test", "-l", "us_east")).isEqualTo(2);
        assertThat(run("lookup")).isEqualTo(2);
        assertThat(run("lookup", "x.test", "--color=sometimes")).isEqualTo(2);
        assertThat(run("lookup", "x.test", "--gateway", "ftp://127.0.0.1")).isEqualTo(2);
        assertThat(run("trace", Reports.TRACE_ID, "--wait", "soon")).isEqualTo(2);
        assertThat(run("lokup", "x.test")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(errLines()).contains(
                "geodig: Invalid value for option '--type' (<type>): 'A MX' is not a record type (letters and digits, e.g. A, AAAA, MX; several: -t A,AAAA)",
                "geodig: Invalid value for option '--location' (<location>): 'us_east' is not a location (e.g. us-east-1; several: -l us-east-1,eu-west-1)",
                "geodig: Missing required parameter: '<domain>'",
                "geodig: Invalid value for option '--wait': 'soon' is not a duration (e.g. 500ms, 10s, 1m)",
                "Did you mean: geodig lookup?",
                "geodig: Missing command: lookup, trace, traces or faults",
                "Try 'geodig --help' for more information.");
    }

    @Test
    void tracesOptionsBecomeTheSearchsParametersAsTheGatewayNamesThem() {
        CommandLine commandLine = GeodigCli.commandLine(new Io(System.out, System.err, Map.of(), false));
        commandLine.parseArgs("traces", "--service", "dns-orchestrator", "--domain", "www.geodig.test", "--status", "partial",
                "--location", "eu-west-1", "--tag", "geodig.task.expired=true", "--errors", "--min-duration", "200ms",
                "--max-duration=2s", "--since", "15m", "--limit", "50", "--operation", "orchestrate_dns_lookup");
        TracesCommand traces = commandLine.getSubcommands().get("traces").getCommand();

        assertThat(traces.parameters()).extracting(entry -> entry.getKey() + "=" + entry.getValue()).containsExactly(
                "service=dns-orchestrator", "operation=orchestrate_dns_lookup", "tag=dns.domain=www.geodig.test",
                "tag=worker.location=eu-west-1", "tag=geodig.task.expired=true", "tag=error=true", "lookup_status=partial",
                "min_duration=200ms", "max_duration=2s", "lookback=15m", "limit=50");
    }

    @Test
    void tracesWithoutOptionsAsksForTheGatewaysDefaults() {
        CommandLine commandLine = GeodigCli.commandLine(new Io(System.out, System.err, Map.of(), false));
        commandLine.parseArgs("traces");
        TracesCommand traces = commandLine.getSubcommands().get("traces").getCommand();

        assertThat(traces.parameters()).isEmpty();
    }

    @Test
    void aTracesLimitThatIsNoNumberIsAUsageError() {
        assertThat(run("traces", "--limit", "many", "--gateway", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(run("traces", "--colour")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(errLines()).contains("geodig: Invalid value for option '--limit': 'many' is not an int");
    }

    @Test
    void userInputInAnErrorMessageIsEscapedToo() {
        assertThat(run("lookup", "x.test", "-t", "A\u001b[2J")).isEqualTo(2);

        assertThat(errLines().getFirst()).contains("'A\\027[2J' is not a record type").doesNotContain("\u001b");
    }

    @Test
    void waitTakesTheUsualWaysOfWritingADuration() {
        TraceCommand.WaitDuration wait = new TraceCommand.WaitDuration();

        assertThat(wait.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(wait.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(wait.convert("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(wait.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(wait.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThat(wait.convert("0s")).isZero();
    }

    @Test
    void gatewayComesFromTheOptionElseTheEnvironmentElseTheLocalDefault() {
        assertThat(GatewayUrl.choose(null, Map.of())).isEqualTo("http://127.0.0.1:8080");
        assertThat(GatewayUrl.choose(null, Map.of("GEODIG_GATEWAY_URL", "http://127.0.0.1:28080/"))).isEqualTo("http://127.0.0.1:28080");
        assertThat(GatewayUrl.choose("http://gw.example:80", Map.of("GEODIG_GATEWAY_URL", "http://127.0.0.1:28080"))).isEqualTo("http://gw.example:80");
        assertThat(GatewayUrl.choose(null, Map.of("GEODIG_GATEWAY_URL", " "))).isEqualTo("http://127.0.0.1:8080");

        env = Map.of("GEODIG_GATEWAY_URL", "not a url");
        assertThat(run("lookup", "x.test")).isEqualTo(2);
        assertThat(errLines().getFirst()).startsWith("geodig: GEODIG_GATEWAY_URL: 'not a url' is not");
    }

    @Test
    void theLastGatewayOptionWinsSoTheLauncherCanPassOneFirst() {
        CommandLine.ParseResult result = parse("--gateway", "http://127.0.0.1:8080", "lookup", "x.test", "--gateway", "http://127.0.0.1:28080/");

        assertThat(result.subcommand().<String>matchedOptionValue("--gateway", null)).isEqualTo("http://127.0.0.1:28080");
    }

    @Test
    void noGatewayListeningExitsThreeWithTheReasonOnStandardError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String gateway = "http://127.0.0.1:" + closedPort;

        assertThat(run("lookup", "www.geodig.test", "--gateway", gateway)).isEqualTo(3);
        assertThat(run("trace", Reports.TRACE_ID, "--wait=0s", "--gateway", gateway)).isEqualTo(3);
        assertThat(run("traces", "--domain", "www.geodig.test", "--gateway", gateway)).isEqualTo(3);

        assertThat(out()).isEmpty();
        String unreachable = "geodig: cannot reach the gateway at " + gateway + "/ (connection refused); is geodig up? (./geodig up, ./geodig status)";
        assertThat(errLines()).containsExactly(unreachable, unreachable, unreachable);
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(run("traces", "--help")).isZero();
        assertThat(out()).contains("Exit codes:", "0   at least one trace matched and was listed", "1   no trace matched",
                "--domain=<domain>", "--since=<lookback>");
        out.reset();

        assertThat(run("lookup", "--help")).isZero();

        assertThat(out()).contains("Exit codes:",
                "0   every location answered",
                "1   the lookup ran, but not every location answered in time (partial, timeout)",
                "2   the gateway rejected the request",
                "3   the gateway is unreachable, failed (5xx)");
    }
}
