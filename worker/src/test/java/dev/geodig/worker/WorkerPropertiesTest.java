package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorkerPropertiesTest {

    private static WorkerProperties withResolvers(List<String> resolvers) {
        return new WorkerProperties("us-east-1", resolvers, null, null, null, null, null, null, null, null);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        WorkerProperties properties = withResolvers(List.of("127.0.0.1:5301"));

        assertThat(properties.dnsTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.dnsRetries()).isEqualTo(1);
        assertThat(properties.concurrency()).isEqualTo(16);
        assertThat(properties.claimIdle()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.resultMargin()).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.maxDeliveries()).isEqualTo(5);
        assertThat(properties.resultsMaxLen()).isEqualTo(10_000L);
        // <hostname>-<pid>: unique per process, so instances of a location never share a consumer name.
        assertThat(properties.consumerName()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void theDnsBudgetIsEveryAttemptAtEveryServer() {
        WorkerProperties properties = new WorkerProperties("x", List.of("127.0.0.1:5301", "127.0.0.1:5302"),
                Duration.ofMillis(300), 2, null, null, null, null, null, null);

        assertThat(properties.dnsBudget()).isEqualTo(Duration.ofMillis(300 * 3 * 2));
    }

    @Test
    void resolversAreHostPortInOrder() {
        WorkerProperties properties = withResolvers(List.of(" 127.0.0.1:5301", "[::1]:5302 ", ""));

        assertThat(properties.resolverAddresses()).containsExactly(
                new InetSocketAddress("127.0.0.1", 5301), new InetSocketAddress("::1", 5302));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":53", "127.0.0.1:dns", "127.0.0.1:0", "127.0.0.1:65536", "::1:53"})
    void resolverThatIsNotHostPortIsRejected(String resolver) {
        assertThatThrownBy(() -> withResolvers(List.of(resolver)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geodig.worker.resolvers").hasMessageContaining(resolver);
    }

    @Test
    void locationAndResolversAreRequired() {
        assertThatThrownBy(() -> new WorkerProperties(" ", List.of("127.0.0.1:53"), null, null, null, null, null, null, null, null))
                .hasMessageContaining("geodig.worker.location is required");
        assertThatThrownBy(() -> new WorkerProperties("us east", List.of("127.0.0.1:53"), null, null, null, null, null, null, null, null))
                .hasMessageContaining("geodig.worker.location 'us east'");
        assertThatThrownBy(() -> withResolvers(null)).hasMessageContaining("geodig.worker.resolvers is required");
        assertThatThrownBy(() -> withResolvers(List.of(" "))).hasMessageContaining("geodig.worker.resolvers is required");
    }

    @Test
    void nonsensicalNumbersAreRejected() {
        List<String> dns = List.of("127.0.0.1:53");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, Duration.ZERO, null, null, null, null, null, null, null)).hasMessageContaining("dns-timeout");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, null, -1, null, null, null, null, null, null)).hasMessageContaining("dns-retries");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, null, null, 0, null, null, null, null, null)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, null, null, null, Duration.ofSeconds(-1), null, null, null, null)).hasMessageContaining("claim-idle");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, null, null, null, null, 0, null, null, null)).hasMessageContaining("max-deliveries");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, null, null, null, null, null, 0L, null, null)).hasMessageContaining("results-max-len");
        assertThatThrownBy(() -> new WorkerProperties("x", dns, null, null, null, null, null, null, null, Duration.ofMillis(-1)))
                .hasMessageContaining("result-margin");
    }
}
