package dev.geodig.orchestrator.results;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.LookupStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one lookup gathered by its deadline.
 *
 * @param expected the requested locations, in request order
 * @param received the result of each location that answered, in request order
 */
public record GatheredResults(List<String> expected, Map<String, DnsResult> received) {

    public GatheredResults {
        expected = List.copyOf(expected);
        Map<String, DnsResult> ordered = new LinkedHashMap<>();
        for (String location : expected) {
            DnsResult result = received.get(location);
            if (result != null) {
                ordered.put(location, result);
            }
        }
        received = Collections.unmodifiableMap(ordered);
    }

    public List<String> missing() {
        return expected.stream().filter(location -> !received.containsKey(location)).toList();
    }

    /**
     * {@code success} when every location answered and got a DNS answer for every record type,
     * {@code timeout} when no location answered, else {@code partial}: some location did not answer in
     * time, or answered that its DNS servers did not ({@link LocationStatus#PARTIAL}, {@link LocationStatus#ERROR}).
     */
    public LookupStatus status() {
        if (received.isEmpty()) {
            return LookupStatus.TIMEOUT;
        }
        boolean everyLocationResolved = received.size() == expected.size()
                && received.values().stream().allMatch(result -> result.status() == LocationStatus.SUCCESS);
        return everyLocationResolved ? LookupStatus.SUCCESS : LookupStatus.PARTIAL;
    }
}
