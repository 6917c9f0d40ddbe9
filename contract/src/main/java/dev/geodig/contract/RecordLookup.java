package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of one record-type lookup at one location.
 *
 * @param rcode {@code NOERROR} (answers present), {@code NODATA} (name exists, no record of this type),
 *     {@code NXDOMAIN}, {@code SERVFAIL}, {@code REFUSED}, another DNS response code by name, or
 *     {@code TIMEOUT} / {@code ERROR} when no response came
 * @param answers the answer records in presentation form, empty unless {@code NOERROR}
 * @param durationMs the wall time of this lookup, retries and TCP fallback included
 * @param error why no response came, or {@code null}
 */
public record RecordLookup(
        @JsonProperty("rcode") String rcode,
        @JsonProperty("answers") List<Answer> answers,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("error") String error) {

    public static final String NOERROR = "NOERROR";
    public static final String NODATA = "NODATA";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String ERROR = "ERROR";

    public RecordLookup {
        answers = List.copyOf(answers == null ? List.of() : answers);
    }

    /** Whether a DNS server answered at all (any response code), as opposed to timeout or error. */
    public boolean answered() {
        return !TIMEOUT.equals(rcode) && !ERROR.equals(rcode);
    }

    /** One resource record of the answer section. */
    public record Answer(@JsonProperty("value") String value, @JsonProperty("ttl") long ttl) {
    }
}
