package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a lookup went as a whole: the {@code status} of a {@link LookupReport}, written in lower case. */
public enum LookupStatus {
    /** Every requested location answered in time, with a DNS answer for every record type. */
    SUCCESS,
    /** Some location did not answer in time, or its DNS servers did not. */
    PARTIAL,
    /** No location answered in time. */
    TIMEOUT;

    // Once per constant: the name is written for every result and every span.
    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
