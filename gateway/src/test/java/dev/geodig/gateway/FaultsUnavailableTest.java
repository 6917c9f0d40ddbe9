package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** No {@code geodig.gateway.faults.flag-file}: the faults are unavailable, none is on, and a change is a 403 saying what to set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "geodig.gateway.faults.control-enabled=true")
class FaultsUnavailableTest {

    @DynamicPropertySource
    static void orchestratorNowhere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    @Test
    void unavailableFaultsAreReadAsNoneAndCannotBeChanged() {
        GatewayClient gateway = new GatewayClient(port);

        Answer read = gateway.get("/api/v1/faults");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("control").asString()).isEqualTo("unavailable");
        assertThat(read.json().path("active").isEmpty()).isTrue();
        assertThat(read.json().path("banner").isNull()).isTrue();
        assertThat(read.json().path("faults").size()).isEqualTo(6);
        assertThat(Schemas.violations("faults-view.schema.json", read.response().body())).isEmpty();

        Answer change = gateway.send(gateway.request("/api/v1/faults/worker-fail").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"eu-west-1\"}")));
        assertProblem(change, 403);
        assertThat(change.json().path("detail").asString()).contains("geodig.gateway.faults.flag-file");
        assertProblem(gateway.send(gateway.request("/api/v1/faults").DELETE()), 403);
    }
}
