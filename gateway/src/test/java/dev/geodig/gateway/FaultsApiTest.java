package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.gateway.RawHttp.Reply;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.ScratchDirectory;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The faults API on the real gateway with control enabled, over a real flag file in a scratch directory: what
 * {@code GET /api/v1/faults} reads from the file, what each change writes to it (read back as the services read it,
 * with {@link FaultFlagFile#read}), the file's modification time moving on with every write, and every bad request a
 * 4xx problem naming its field. The client is on loopback, so it may change faults without the token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FaultsApiTest {

    private static final ScratchDirectory SCRATCH = ScratchDirectory.create("faults-api");
    private static final Path FLAGS = SCRATCH.path().resolve("flags");
    private static final Path FLAG_FILE = FLAGS.resolve("faults.flagd.json");
    private static final Path TOKEN_FILE = SCRATCH.path().resolve("token");
    private static final String TOKEN = "s3cret-token";
    private static final String JSON = "application/json";

    @DynamicPropertySource
    static void faultsHere(DynamicPropertyRegistry registry) throws IOException {
        Files.writeString(TOKEN_FILE, TOKEN + "\n");
        registry.add("geodig.gateway.faults.flag-file", FLAG_FILE::toString);
        registry.add("geodig.gateway.faults.control-enabled", () -> "true");
        registry.add("geodig.gateway.faults.token-file", TOKEN_FILE::toString);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @AfterAll
    static void removeScratch() {
        SCRATCH.close();
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeEach
    void noFlagFile() throws IOException {
        gateway = new GatewayClient(port);
        if (Files.isDirectory(FLAG_FILE)) {
            Files.delete(FLAG_FILE);
        }
        Files.createDirectories(FLAGS);
        Files.deleteIfExists(FLAG_FILE);
    }

    private Answer put(String fault, String body) {
        return gateway.send(gateway.request("/api/v1/faults/" + fault).header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Answer delete(String path) {
        return gateway.send(gateway.request(path).DELETE());
    }

    private static List<FaultSetting> fileSettings() throws IOException {
        return FaultFlagFile.read(Files.readString(FLAG_FILE));
    }

    private static Answer documented(Answer answer) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(Schemas.violations("faults-view.schema.json", answer.response().body())).as(answer.response().body()).isEmpty();
        return answer;
    }

    private static List<String> summaries(Answer answer) {
        return answer.json().path("active").valueStream().map(active -> active.path("summary").asString()).toList();
    }

    @Test
    void withoutAFileEveryFaultIsListedAndNoneIsOn() {
        JsonNode view = documented(gateway.get("/api/v1/faults")).json();

        assertThat(view.path("control").asString()).isEqualTo("enabled");
        assertThat(view.path("locations").valueStream().map(JsonNode::asString)).containsExactly("us-east-1", "eu-west-1", "asia-south-1");
        assertThat(view.path("faults").valueStream().map(fault -> fault.path("fault").asString()))
                .containsExactlyElementsOf(Arrays.stream(Fault.values()).map(Fault::key).toList());
        JsonNode dnsDelay = view.path("faults").get(2);
        assertThat(dnsDelay.path("per_location").asBoolean()).isTrue();
        assertThat(dnsDelay.path("parameter").asString()).isEqualTo("delay_ms");
        assertThat(dnsDelay.path("description").asString()).isEqualTo(Fault.DNS_DELAY.description());
        assertThat(view.path("faults").get(3).path("parameter").asString()).isEqualTo("record_type");
        assertThat(view.path("faults").get(0).path("parameter").isNull()).isTrue();
        assertThat(view.path("faults").get(5).path("per_location").asBoolean()).as("orchestrator-delay").isFalse();
        assertThat(view.path("active").isEmpty()).isTrue();
        assertThat(view.path("banner").isNull()).isTrue();
        assertThat(FLAG_FILE).as("reading writes nothing").doesNotExist();
    }

    @Test
    void anEmptyFileHoldsNoSettings() throws IOException {
        Files.writeString(FLAG_FILE, "");

        JsonNode view = documented(gateway.get("/api/v1/faults")).json();

        assertThat(view.path("active").isEmpty()).isTrue();
        assertThat(view.path("banner").isNull()).isTrue();
    }

    @Test
    void theFilesSettingsAreActiveByFaultThenLocationAndItsChangesAreSeen() throws IOException {
        Files.writeString(FLAG_FILE, FaultFlagFile.render(List.of(
                new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 100, 800, null),
                new FaultSetting(Fault.WORKER_DROP, "asia-south-1", 50, 0, null),
                new FaultSetting(Fault.WORKER_DROP, "us-east-1", 10, 0, null))));

        JsonNode view = documented(gateway.get("/api/v1/faults")).json();

        assertThat(view.path("banner").asString()).isEqualTo(
                "3 faults on: worker-drop us-east-1 10 %, worker-drop asia-south-1 50 %, dns-delay eu-west-1 +800 ms 100 %");
        JsonNode delay = view.path("active").get(2);
        assertThat(delay.path("fault").asString()).isEqualTo("dns-delay");
        assertThat(delay.path("location").asString()).isEqualTo("eu-west-1");
        assertThat(delay.path("rate_percent").asInt()).isEqualTo(100);
        assertThat(delay.path("delay_ms").asInt()).isEqualTo(800);
        assertThat(delay.path("record_type").isNull()).isTrue();
        assertThat(view.path("active").get(0).path("delay_ms").isNull()).isTrue();

        // Written by hand with a later time: the next read sees it.
        Files.writeString(FLAG_FILE, FaultFlagFile.render(List.of(new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 25, 1500, null))));
        Files.setLastModifiedTime(FLAG_FILE, FileTime.from(Instant.now().plusSeconds(5)));

        Answer again = documented(gateway.get("/api/v1/faults"));
        assertThat(again.json().path("banner").asString()).isEqualTo("1 fault on: orchestrator-delay +1500 ms 25 %");
        assertThat(again.json().path("active").get(0).path("location").isNull()).isTrue();
    }

    @Test
    void settingsAreSetReplacedAndRemovedInTheFile(CapturedOutput output) throws IOException {
        Answer set = documented(put("dns-delay", "{\"location\":\"eu-west-1\",\"delay_ms\":800}"));
        assertThat(set.json().path("banner").asString()).isEqualTo("1 fault on: dns-delay eu-west-1 +800 ms 100 %");
        assertThat(fileSettings()).containsExactly(new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 100, 800, null));
        assertThat(output).contains("faults changed by 127.0.0.1: set dns-delay eu-west-1 +800 ms 100 %");

        documented(put("dns-delay", "{\"location\":\"eu-west-1\",\"delay_ms\":200,\"rate_percent\":50}"));
        documented(put("DNS-DELAY", "{\"location\":\"asia-south-1\",\"delay_ms\":300,\"rate_percent\":null}"));
        documented(put("dns-servfail", "{\"location\":\"us-east-1\",\"record_type\":\"aaaa\",\"rate_percent\":30}"));
        documented(put("dns-servfail", "{\"location\":\"eu-west-1\",\"record_type\":\"MX\"}"));
        Answer all = documented(put("orchestrator-delay", "{\"delay_ms\":1500,\"rate_percent\":25,\"location\":null}"));
        assertThat(summaries(all)).containsExactly("dns-delay eu-west-1 +200 ms 50 %", "dns-delay asia-south-1 +300 ms 100 %",
                "dns-servfail us-east-1 AAAA 30 %", "dns-servfail eu-west-1 MX 100 %", "orchestrator-delay +1500 ms 25 %");
        assertThat(fileSettings()).containsExactlyInAnyOrder(
                new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 50, 200, null),
                new FaultSetting(Fault.DNS_DELAY, "asia-south-1", 100, 300, null),
                new FaultSetting(Fault.DNS_SERVFAIL, "us-east-1", 30, 0, "AAAA"),
                new FaultSetting(Fault.DNS_SERVFAIL, "eu-west-1", 100, 0, "MX"),
                new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 25, 1500, null));

        assertThat(summaries(documented(delete("/api/v1/faults/dns-delay?location=eu-west-1"))))
                .containsExactly("dns-delay asia-south-1 +300 ms 100 %", "dns-servfail us-east-1 AAAA 30 %",
                        "dns-servfail eu-west-1 MX 100 %", "orchestrator-delay +1500 ms 25 %");
        assertThat(summaries(documented(put("dns-delay", "{\"location\":\"asia-south-1\",\"rate_percent\":0}"))))
                .as("a rate of 0 switches it off").doesNotContain("dns-delay asia-south-1 +300 ms 100 %");
        assertThat(summaries(documented(delete("/api/v1/faults/dns-servfail")))).containsExactly("orchestrator-delay +1500 ms 25 %");
        assertThat(fileSettings()).containsExactly(new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 25, 1500, null));
        documented(delete("/api/v1/faults/orchestrator-delay"));
        documented(put("worker-exit", "{\"location\":\"us-east-1\"}"));
        assertThat(output).contains("faults changed by 127.0.0.1: off dns-delay eu-west-1",
                "faults changed by 127.0.0.1: off dns-servfail everywhere");

        Answer cleared = documented(delete("/api/v1/faults"));

        assertThat(cleared.json().path("active").isEmpty()).isTrue();
        assertThat(cleared.json().path("banner").isNull()).isTrue();
        assertThat(fileSettings()).isEmpty();
        assertThat(Files.readString(FLAG_FILE)).isEqualTo(FaultFlagFile.render(List.of()));
        assertThat(output).contains("faults changed by 127.0.0.1: every fault off");
        try (var left = Files.list(FLAGS)) {
            assertThat(left).as("no temporary file stays behind").containsExactly(FLAG_FILE);
        }
    }

    @Test
    void everyWriteLeavesTheFileWithALaterModificationTime() throws IOException {
        documented(put("worker-fail", "{\"location\":\"eu-west-1\"}"));
        long first = Files.getLastModifiedTime(FLAG_FILE).toMillis();
        documented(put("worker-fail", "{\"location\":\"us-east-1\"}"));
        long second = Files.getLastModifiedTime(FLAG_FILE).toMillis();

        assertThat(second).as("two writes within the same millisecond look like one to the provider").isGreaterThan(first);

        // A file stamped later than the clock: the next version still comes after it.
        FileTime ahead = FileTime.from(Instant.now().plus(Duration.ofHours(1)));
        Files.setLastModifiedTime(FLAG_FILE, ahead);
        documented(delete("/api/v1/faults/worker-fail?location=us-east-1"));

        assertThat(Files.getLastModifiedTime(FLAG_FILE).toMillis()).isEqualTo(ahead.toMillis() + 1);
        assertThat(fileSettings()).containsExactly(new FaultSetting(Fault.WORKER_FAIL, "eu-west-1", 100, 0, null));
    }

    @Test
    void aLoopbackRequestUnderAnotherHostNameNeedsTheToken(CapturedOutput output) {
        String body = "{\"location\":\"eu-west-1\"}";
        RawHttp http = new RawHttp(port, Duration.ofSeconds(10));

        Reply rebound = http.exchange(rawPut("evil.example:8080", null, body));
        assertThat(rebound.status()).as(rebound.toString()).isEqualTo(401);
        assertThat(rebound.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(PublicApiPropertyTest.problemViolations(rebound)).isEmpty();
        assertThat(rebound.json().path("errors").get(0).path("field").asString()).isEqualTo("Authorization");

        Reply withToken = http.exchange(rawPut("evil.example:8080", "Bearer " + TOKEN, body));
        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(200);
        assertThat(output).contains("faults changed by 127.0.0.1 (token): set worker-drop eu-west-1 100 %").doesNotContain(TOKEN);

        Reply byName = http.exchange(rawPut("localhost:" + port, null, body));
        assertThat(byName.status()).as(byName.toString()).isEqualTo(200);
    }

    private static byte[] rawPut(String host, String authorization, String body) {
        String head = "PUT /api/v1/faults/worker-drop HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} naming {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "PUT    | /api/v1/faults/no-such-fault                   | {}                                                       | 404 | fault",
        "DELETE | /api/v1/faults/no-such-fault                   |                                                          | 404 | fault",
        "PUT    | /api/v1/faults/dns-delay                       | '{'                                                      | 400 | body",
        "PUT    | /api/v1/faults/dns-delay                       | ''                                                       | 400 | body",
        "PUT    | /api/v1/faults/dns-delay                       | []                                                       | 400 | body",
        "PUT    | /api/v1/faults/dns-delay                       | null                                                     | 400 | body",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":800} x       | 400 | body",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\",\"location\":\"us-east-1\"} | 400 | body",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":800,\"delay\":1} | 400 | delay",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":\"800\"}      | 400 | delay_ms",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":800.5}        | 400 | delay_ms",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":1e12}         | 400 | delay_ms",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\"}                            | 400 | delay_ms",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":60001}        | 400 | delay_ms",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"eu-west-1\",\"delay_ms\":-5}           | 400 | delay_ms",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"mars-1\",\"delay_ms\":800}             | 400 | location",
        "PUT    | /api/v1/faults/dns-delay                       | {\"delay_ms\":800}                                      | 400 | location",
        "PUT    | /api/v1/faults/dns-delay                       | {\"location\":\"\",\"delay_ms\":800}                   | 400 | location",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":1}                                        | 400 | location",
        "PUT    | /api/v1/faults/orchestrator-delay              | {\"location\":\"eu-west-1\",\"delay_ms\":800}          | 400 | location",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\",\"rate_percent\":101}      | 400 | rate_percent",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\",\"rate_percent\":-1}       | 400 | rate_percent",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\",\"rate_percent\":\"50%\"}  | 400 | rate_percent",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\",\"delay_ms\":5}            | 400 | delay_ms",
        "PUT    | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\",\"record_type\":\"A\"}     | 400 | record_type",
        "PUT    | /api/v1/faults/dns-servfail                    | {\"location\":\"eu-west-1\",\"record_type\":\"BOGUS\"} | 400 | record_type",
        "PUT    | /api/v1/faults/dns-servfail                    | {\"location\":\"eu-west-1\",\"record_type\":5}         | 400 | record_type",
        "PUT    | /api/v1/faults/dns-servfail                    | {\"location\":\"eu-west-1\"}                            | 400 | record_type",
        "PUT    | /api/v1/faults/worker-fail?location=eu-west-1  | {\"location\":\"eu-west-1\"}                            | 400 | location",
        "DELETE | /api/v1/faults/dns-delay?location=mars-1       |                                                          | 400 | location",
        "DELETE | /api/v1/faults/orchestrator-delay?location=eu-west-1 |                                                    | 400 | location",
        "DELETE | /api/v1/faults/dns-delay?location=eu-west-1&location=us-east-1 |                                          | 400 | location",
        "DELETE | /api/v1/faults/dns-delay?place=eu-west-1       |                                                          | 400 | place",
        "DELETE | /api/v1/faults?all=1                           |                                                          | 400 | all",
        "PUT    | /api/v1/faults                                 | {}                                                       | 405 | method",
        "POST   | /api/v1/faults/worker-fail                     | {\"location\":\"eu-west-1\"}                            | 405 | method",
        "GET    | /api/v1/faults/worker-fail                     |                                                          | 405 | method",
    })
    void aBadRequestIsAProblemNamingItsField(String method, String path, String body, int status, String field) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        Answer answer = gateway.send(gateway.request(path).header("Content-Type", JSON).method(method, publisher));

        assertProblem(answer, status);
        assertThat(reasonsFor(answer, field)).as(answer.response().body()).isNotEmpty();
        assertThat(FLAG_FILE).as("a refused change writes nothing").doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/plain                        | Content-Type",
        "application/json; charset=utf-16 | Content-Type",
    })
    void aBodyThatIsNotJsonInUtf8IsA415(String contentType, String field) {
        Answer answer = gateway.send(gateway.request("/api/v1/faults/worker-fail").header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"eu-west-1\"}")));

        assertProblem(answer, 415);
        assertThat(reasonsFor(answer, field)).isNotEmpty();
    }

    @Test
    void aFlagFileThatCannotBeWrittenIsA503AndReadingGoesOn() throws IOException {
        Files.delete(FLAGS);

        Answer refused = put("worker-fail", "{\"location\":\"eu-west-1\"}");

        assertProblem(refused, 503);
        assertThat(refused.json().path("detail").asString()).contains("cannot write its flag file").doesNotContain(FLAGS.toString());
        assertThat(documented(gateway.get("/api/v1/faults")).json().path("active").isEmpty()).isTrue();

        Files.createDirectories(FLAG_FILE); // a directory where the file should be: neither readable nor replaceable
        assertProblem(gateway.get("/api/v1/faults"), 503);
        assertProblem(put("worker-fail", "{\"location\":\"eu-west-1\"}"), 503);
    }

    @Test
    void aBrokenFileIsA503UntilEveryFaultIsCleared() throws IOException {
        Files.writeString(FLAG_FILE, FaultFlagFile.render(List.of(new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 50, 10, null)))
                .replace("\"delay_ms\" : 10", "\"delay_ms\" : 0"));

        Answer read = gateway.get("/api/v1/faults");
        assertProblem(read, 503);
        assertThat(read.json().path("detail").asString()).contains("DELETE /api/v1/faults");
        assertProblem(put("worker-fail", "{\"location\":\"eu-west-1\"}"), 503);

        assertThat(documented(delete("/api/v1/faults")).json().path("active").isEmpty()).isTrue();
        assertThat(fileSettings()).isEmpty();
    }
}
