package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one record-type lookup, {@link RecordLookup#rcode()}: a DNS response code by its
 * name, or one of the four words for what a response code alone does not say. Written as the name.
 */
public enum Rcode {
    NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED, YXDOMAIN, YXRRSET, NXRRSET, NOTAUTH, NOTZONE,
    BADVERS, BADKEY, BADTIME, BADMODE, BADNAME, BADALG, BADTRUNC, BADCOOKIE,
    /** A response code that has no name above (unassigned, or assigned after this list was written). */
    UNASSIGNED,
    /** The name exists but has no record of the type asked: NOERROR with an empty answer. */
    NODATA,
    /** No response came in time. */
    TIMEOUT,
    /** No response could be had: a network error, an invalid query. */
    ERROR;

    /** The code of this name; {@link #UNASSIGNED} for any other, so a reader never fails on a code it does not know. */
    @JsonCreator
    public static Rcode named(String name) {
        return name == null ? UNASSIGNED : BY_NAME.getOrDefault(name, UNASSIGNED);
    }

    // Every DNS response and every decoded record goes through named(): one lookup, not a scan of values().
    private static final Map<String, Rcode> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Rcode::name, rcode -> rcode));

    /**
     * Whether a DNS server gave an answer: any response code but SERVFAIL, as opposed to a timeout or an error.
     * NXDOMAIN or REFUSED is the location's view of the name; SERVFAIL is the server saying it has none.
     */
    public boolean answered() {
        return this != TIMEOUT && this != ERROR && this != SERVFAIL;
    }
}
