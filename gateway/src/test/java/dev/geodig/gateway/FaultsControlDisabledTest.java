package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.ScratchDirectory;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A flag file and no {@code geodig.gateway.faults.control-enabled} (off by default): the faults are readable, and every
 * change is a 403 that says how to enable it, from loopback and with the token alike, and leaves the file as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FaultsControlDisabledTest {

    private static final ScratchDirectory SCRATCH = ScratchDirectory.create("faults-disabled");
    private static final Path FLAG_FILE = SCRATCH.path().resolve("faults.flagd.json");
    private static final Path TOKEN_FILE = SCRATCH.path().resolve("token");
    private static final List<FaultSetting> SETTINGS = List.of(new FaultSetting(Fault.WORKER_DROP, "asia-south-1", 50, 0, null));

    @DynamicPropertySource
    static void faultsHere(DynamicPropertyRegistry registry) throws IOException {
        Files.writeString(FLAG_FILE, FaultFlagFile.render(SETTINGS));
        Files.writeString(TOKEN_FILE, "t0ken");
        registry.add("geodig.gateway.faults.flag-file", FLAG_FILE::toString);
        registry.add("geodig.gateway.faults.token-file", TOKEN_FILE::toString);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @AfterAll
    static void removeScratch() {
        SCRATCH.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theFaultsCanBeReadButNotChanged(CapturedOutput output) throws IOException {
        GatewayClient gateway = new GatewayClient(port);
        String before = Files.readString(FLAG_FILE);

        Answer read = gateway.get("/api/v1/faults");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("control").asString()).isEqualTo("disabled");
        assertThat(read.json().path("banner").asString()).isEqualTo("1 fault on: worker-drop asia-south-1 50 %");

        List<Answer> refused = List.of(
                gateway.send(gateway.request("/api/v1/faults/worker-fail").header("Content-Type", "application/json")
                        .header("Authorization", "Bearer t0ken")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"eu-west-1\"}"))),
                gateway.send(gateway.request("/api/v1/faults/worker-drop").DELETE()),
                gateway.send(gateway.request("/api/v1/faults").DELETE()));

        for (Answer answer : refused) {
            assertProblem(answer, 403);
            assertThat(answer.json().path("detail").asString()).contains("geodig.gateway.faults.control-enabled=true");
        }
        assertThat(Files.readString(FLAG_FILE)).isEqualTo(before);
        assertThat(output).contains("WARN").contains("faults change refused for 127.0.0.1: 403");
    }
}
