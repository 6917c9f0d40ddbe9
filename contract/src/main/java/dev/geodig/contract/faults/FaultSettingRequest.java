package dev.geodig.contract.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/faults/{fault}}: one fault's setting in one location, as the terminal client writes
 * it. Every member may be left out (written as absent when {@code null}); the gateway says which one a fault needs.
 *
 * @param location where; left out for {@code orchestrator-delay}, which acts in no one location
 * @param ratePercent 1 to 100 % of the lookups; 0 switches the setting off; left out: 100
 * @param delayMs for a delay fault, 1 to {@value FaultSetting#MAX_DELAY_MS} ms
 * @param recordType for {@code dns-servfail}, the record type that fails
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettingRequest(
        @JsonProperty("location") String location,
        @JsonProperty("rate_percent") Integer ratePercent,
        @JsonProperty("delay_ms") Integer delayMs,
        @JsonProperty("record_type") String recordType) {
}
