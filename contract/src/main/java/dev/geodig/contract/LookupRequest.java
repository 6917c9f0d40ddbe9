package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/v1/dns/lookup}, as the design defines it (docs/architecture.md), read by
 * {@link LookupRequestReader}. The gateway passes the checked, normalized form on to the orchestrator.
 *
 * @param locations {@code null} or absent means every configured location
 * @param recordTypes {@code null} or absent means {@link #DEFAULT_RECORD_TYPES}
 */
public record LookupRequest(
        @JsonProperty("domain") String domain,
        @JsonProperty("locations") List<String> locations,
        @JsonProperty("record_types") List<String> recordTypes) {

    /** What a request without {@code record_types} asks for (the design's five). */
    public static final List<String> DEFAULT_RECORD_TYPES = List.of("A", "AAAA", "MX", "TXT", "NS");

    /** Record types a worker can look up. */
    public static final List<String> SUPPORTED_RECORD_TYPES =
            List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "CAA", "SRV", "PTR", "DS", "DNSKEY", "HTTPS", "SVCB");
}
