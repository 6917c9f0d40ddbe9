package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of one record-type lookup at one location.
 *
 * @param rcode {@code NOERROR} (answers present), {@code NODATA}, another DNS response code, or
 *     {@code TIMEOUT} / {@code ERROR} when no response came ({@link Rcode})
 * @param answers the answer records in presentation form, empty unless {@code NOERROR}
 * @param durationMs the wall time of this lookup, retries and TCP fallback included
 * @param error why no response came, or {@code null}
 */
public record RecordLookup(
        @JsonProperty("rcode") Rcode rcode,
        @JsonProperty("answers") List<Answer> answers,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("error") String error) {

    public RecordLookup {
        answers = List.copyOf(answers == null ? List.of() : answers);
    }

    /** Whether a DNS server gave an answer ({@link Rcode#answered()}), as opposed to SERVFAIL, a timeout or an error. */
    public boolean answered() {
        return rcode.answered();
    }

    /** One resource record of the answer section. */
    public record Answer(@JsonProperty("value") String value, @JsonProperty("ttl") long ttl) {
    }
}
