package dev.geodig.worker;

import static dev.geodig.worker.WorkerSettings.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.boot.RedisProperties;
import dev.geodig.boot.ResultDeadlineProperties;
import dev.geodig.testkit.ApplicationSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker's settings as it starts with them: its real application.yml and the defaults of its settings records. */
class WorkerPropertiesTest {

    /** Every settings record the worker binds: its own, and those it shares with other services. */
    private static final List<Class<?>> RECORDS = List.of(WorkerProperties.class, RedisProperties.class, ResultDeadlineProperties.class);

    private static List<Object> started(Map<String, Object> yml, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("geodig.worker.location", "us-east-1", "geodig.worker.resolvers", "127.0.0.1:5301"));
        settings.putAll(more);
        return ApplicationSettings.bindAll(RECORDS, yml, settings);
    }

    @Test
    void theDocumentedDefaultsAreTheOnesAWorkerStartsWith() {
        Map<String, String> documented = ApplicationSettings.documentedDefaults("worker");

        assertThat(documented).containsKeys("geodig.redis.url", "geodig.redis.command-timeout",
                "geodig.orchestrator.result-deadline", "geodig.worker.claim-idle");
        assertThat(ApplicationSettings.documentedDefaultsThatDiffer("worker", WorkerPropertiesTest::started))
                .as("defaults in docs/configuration.md that the worker does not start with").isEmpty();
        // <hostname>-<pid>: unique per process, so instances of a location never share a consumer name.
        assertThat(worker().consumerName()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void applicationYmlRepeatsNoDefault() {
        assertThat(ApplicationSettings.ymlSettingsRepeatingTheirDefault(WorkerPropertiesTest::started)).as("settings in application.yml that repeat their default").isEmpty();
    }

    @Test
    void theDnsBudgetIsEveryAttemptAtEveryServer() {
        WorkerProperties properties = worker("resolvers", "127.0.0.1:5301,127.0.0.1:5302", "dns-timeout", "300ms", "dns-retries", "2");

        assertThat(properties.dnsBudget()).isEqualTo(Duration.ofMillis(300 * 3 * 2));
    }

    @Test
    void resolversAreHostPortInOrder() {
        WorkerProperties defaults = worker();
        WorkerProperties properties = new WorkerProperties("us-east-1", List.of(" 127.0.0.1:5301", "[::1]:5302 ", ""),
                defaults.dnsTimeout(), defaults.dnsRetries(), defaults.concurrency(), defaults.claimIdle(), defaults.maxDeliveries(),
                defaults.resultsMaxLen(), null, defaults.resultMargin(), List.of(), true, 24, 56);

        assertThat(properties.resolverAddresses()).containsExactly(
                new InetSocketAddress("127.0.0.1", 5301), new InetSocketAddress("::1", 5302));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":53", "127.0.0.1:dns", "127.0.0.1:0", "127.0.0.1:65536", "::1:53"})
    void resolverThatIsNotHostPortIsRejected(String resolver) {
        assertThatThrownBy(() -> worker("resolvers", resolver))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geodig.worker.resolvers").hasMessageContaining(resolver);
    }

    @Test
    void locationAndResolversAreRequired() {
        assertThatThrownBy(() -> worker("location", " ")).rootCause().hasMessageContaining("geodig.worker.location is required");
        assertThatThrownBy(() -> worker("location", "us east")).rootCause().hasMessageContaining("geodig.worker.location 'us east'");
        assertThatThrownBy(() -> worker("resolvers", "")).rootCause().hasMessageContaining("geodig.worker.resolvers is required");
        assertThatThrownBy(() -> worker("resolvers", " ")).rootCause().hasMessageContaining("geodig.worker.resolvers is required");
    }

    @Test
    void theFirstClientSubnetIsSentUnlessEcsIsOff() {
        assertThat(worker("client-subnet", "192.0.2.0/24,2001:db8:1::/56").sentSubnet()).map(LocationSubnet::text)
                .contains("192.0.2.0/24");
        assertThat(worker("client-subnet", "2001:db8:4::1").sentSubnet()).map(LocationSubnet::text)
                .as("a bare IPv6 address gets the /56 default").contains("2001:db8:4::/56");
        assertThat(worker("client-subnet", "2001:db8:4::1", "ecs-ipv6-prefix", "48").sentSubnet()).map(LocationSubnet::text)
                .contains("2001:db8:4::/48");
        assertThat(worker("client-subnet", "192.0.2.0/24", "ecs", "off").sentSubnet()).isEmpty();
        assertThat(worker().sentSubnet()).as("no client subnet configured").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.0/33", "192.0.2.0/x", "geodig.test/24", "192.0.2.0/24,198.51.100.0/24",
            "2001:db8::/129", "192.0.2.0/24,2001:db8::/56,2001:db8:1::/56"})
    void aClientSubnetThatIsNotOneOrTwoPrefixesOfEachFamilyIsRejected(String subnet) {
        assertThatThrownBy(() -> worker("client-subnet", subnet)).rootCause().hasMessageContaining("geodig.worker.client-subnet");
    }

    @Test
    void nonsensicalNumbersAreRejected() {
        assertThatThrownBy(() -> worker("dns-timeout", "0s")).rootCause().hasMessageContaining("dns-timeout");
        assertThatThrownBy(() -> worker("dns-retries", "-1")).rootCause().hasMessageContaining("dns-retries");
        assertThatThrownBy(() -> worker("concurrency", "0")).rootCause().hasMessageContaining("concurrency");
        assertThatThrownBy(() -> worker("claim-idle", "-1s")).rootCause().hasMessageContaining("claim-idle");
        assertThatThrownBy(() -> worker("max-deliveries", "0")).rootCause().hasMessageContaining("max-deliveries");
        assertThatThrownBy(() -> worker("results-max-len", "0")).rootCause().hasMessageContaining("results-max-len");
        assertThatThrownBy(() -> worker("result-margin", "-1ms")).rootCause().hasMessageContaining("result-margin");
    }
}
