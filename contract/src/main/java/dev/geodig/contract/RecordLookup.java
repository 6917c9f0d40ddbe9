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
 * @param ecs the EDNS Client Subnet (RFC 7871) the query carried and the scope the answer came with;
 *     {@code null} when the query carried none
 */
public record RecordLookup(
        @JsonProperty("rcode") Rcode rcode,
        @JsonProperty("answers") List<Answer> answers,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("error") String error,
        @JsonProperty("ecs") ClientSubnet ecs) {

    public RecordLookup {
        answers = List.copyOf(answers == null ? List.of() : answers);
    }

    /** A lookup whose query carried no client subnet. */
    public RecordLookup(Rcode rcode, List<Answer> answers, long durationMs, String error) {
        this(rcode, answers, durationMs, error, null);
    }

    /** This outcome, as asked with {@code ecs} (the lookups that did not get as far as a response still say what they would have sent). */
    public RecordLookup withEcs(ClientSubnet ecs) {
        return new RecordLookup(rcode, answers, durationMs, error, ecs);
    }

    /** Whether the answer was tailored to the client subnet sent: its scope prefix is above 0 (RFC 7871, section 7.2.1). */
    public boolean tailored() {
        return ecs != null && ecs.tailored();
    }

    /** Whether a DNS server gave an answer ({@link Rcode#answered()}), as opposed to SERVFAIL, a timeout or an error. */
    public boolean answered() {
        return rcode.answered();
    }

    /** One resource record of the answer section. */
    public record Answer(@JsonProperty("value") String value, @JsonProperty("ttl") long ttl) {
    }

    /**
     * The EDNS Client Subnet of one lookup: what the query said about where its client is, and how widely the
     * answer holds. A scope of 0 means the same answer for every client; a scope above 0 means the answer was
     * chosen for that network (for clients within its first {@code scope_prefix} bits).
     *
     * @param subnet the source subnet sent, as {@code address/prefix}, e.g. {@code 192.0.2.0/24}
     * @param scopePrefix the scope prefix length the answer came with; {@code null} when the answer carried no
     *     client-subnet option (a server that ignores ECS, or no answer at all)
     */
    public record ClientSubnet(
            @JsonProperty("subnet") String subnet,
            @JsonProperty("scope_prefix") Integer scopePrefix) {

        public boolean tailored() {
            return scopePrefix != null && scopePrefix > 0;
        }
    }
}
