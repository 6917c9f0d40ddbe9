package dev.geodig.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.LookupStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lookup's overall status from what its locations sent back. */
class GatheredResultsTest {

    private static final List<String> LOCATIONS = List.of("us-east-1", "eu-west-1");

    private static DnsResult result(String location, LocationStatus status) {
        return new DnsResult("t", "t", location, "www.geodig.test", status, Map.of(), 3, null);
    }

    private static LookupStatus statusOf(DnsResult... results) {
        Map<String, DnsResult> received = new LinkedHashMap<>();
        for (DnsResult result : results) {
            received.put(result.location(), result);
        }
        return new GatheredResults(LOCATIONS, received).status();
    }

    @Test
    void everyLocationResolvedEverythingIsASuccess() {
        assertThat(statusOf(result("us-east-1", LocationStatus.SUCCESS), result("eu-west-1", LocationStatus.SUCCESS)))
                .isEqualTo(LookupStatus.SUCCESS);
    }

    @Test
    void aLocationWhoseDnsServersFailedMakesItPartial() {
        assertThat(statusOf(result("us-east-1", LocationStatus.SUCCESS), result("eu-west-1", LocationStatus.ERROR)))
                .isEqualTo(LookupStatus.PARTIAL);
        assertThat(statusOf(result("us-east-1", LocationStatus.PARTIAL), result("eu-west-1", LocationStatus.SUCCESS)))
                .isEqualTo(LookupStatus.PARTIAL);
    }

    @Test
    void aLocationWithoutResultMakesItPartialAndNoResultATimeout() {
        assertThat(statusOf(result("us-east-1", LocationStatus.SUCCESS))).isEqualTo(LookupStatus.PARTIAL);
        assertThat(statusOf()).isEqualTo(LookupStatus.TIMEOUT);
    }
}
