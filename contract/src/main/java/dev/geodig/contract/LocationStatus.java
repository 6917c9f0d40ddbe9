package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How one location's part of a lookup went, written in lower case: the {@code status} a worker gives
 * its {@link DnsResult}, and the one a {@link LookupReport.LocationReport} shows.
 */
public enum LocationStatus {
    /** Every record type got a DNS response (NXDOMAIN is a response). */
    SUCCESS,
    /** Some record types got none (a timeout, a network error). */
    PARTIAL,
    /** No record type got one. */
    ERROR,
    /** No result came from the location in time: said by the orchestrator, never by a worker. */
    TIMEOUT;

    // Once per constant: the name is written for every result and every span.
    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
