package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/v1/dns/lookup}, as in the seed's curl. The gateway passes the
 * validated, normalized form on to the orchestrator.
 *
 * @param locations {@code null} or absent means every configured location
 * @param recordTypes {@code null} or absent means {@link LookupRequestValidator#DEFAULT_RECORD_TYPES}
 */
public record LookupRequest(
        @JsonProperty("domain") String domain,
        @JsonProperty("locations") List<String> locations,
        @JsonProperty("record_types") List<String> recordTypes) {
}
