package dev.geodig.contract.faults;

import dev.geodig.contract.LookupRequest;
import java.util.Locale;

/**
 * One fault switched on: where, how often, and its parameter.
 *
 * @param fault which failure
 * @param location the location it acts in; {@code null} for the orchestrator's fault, which has none
 * @param ratePercent the share of lookups it acts on, 1 to 100 (a rate of 0 is no setting at all)
 * @param delayMs for a delay fault, how long, 1 to {@value #MAX_DELAY_MS} ms; otherwise 0
 * @param recordType for {@link Fault#DNS_SERVFAIL}, the record type that fails (upper case); otherwise {@code null}
 */
public record FaultSetting(Fault fault, String location, int ratePercent, int delayMs, String recordType) {

    public static final int MAX_DELAY_MS = 60_000;

    /** Checks every field against the fault; the exception names the first one at fault. */
    public FaultSetting {
        if (fault == null) {
            throw new InvalidFaultException("fault", "unknown fault");
        }
        if (fault.perLocation() && (location == null || location.isBlank())) {
            throw new InvalidFaultException("location", fault.key() + " acts in one location: name it");
        }
        if (!fault.perLocation() && location != null) {
            throw new InvalidFaultException("location", fault.key() + " acts in no one location: leave location out");
        }
        if (ratePercent < 1 || ratePercent > 100) {
            throw new InvalidFaultException("rate_percent", "a rate from 1 to 100 (percent of lookups)");
        }
        switch (fault.parameter()) {
            case DELAY_MS -> {
                if (delayMs < 1 || delayMs > MAX_DELAY_MS) {
                    throw new InvalidFaultException("delay_ms", "a delay from 1 to " + MAX_DELAY_MS + " ms");
                }
            }
            case RECORD_TYPE -> {
                String type = recordType == null ? "" : recordType.toUpperCase(Locale.ROOT);
                if (!LookupRequest.SUPPORTED_RECORD_TYPES.contains(type)) {
                    throw new InvalidFaultException("record_type", "one of " + LookupRequest.SUPPORTED_RECORD_TYPES);
                }
                recordType = type;
            }
            case NONE -> { }
        }
        if (fault.parameter() != Fault.Parameter.DELAY_MS && delayMs != 0) {
            throw new InvalidFaultException("delay_ms", fault.key() + " takes no delay");
        }
        if (fault.parameter() != Fault.Parameter.RECORD_TYPE && recordType != null) {
            throw new InvalidFaultException("record_type", fault.key() + " takes no record type");
        }
    }

    /** The flagd variant that switches this setting on: {@code on-<location>}, or {@code on} for a fault without one. */
    public String variant() {
        return location == null ? "on" : "on-" + location;
    }

    /** As a person reads it: {@code dns-delay eu-west-1 +800 ms 50 %}. */
    public String describe() {
        StringBuilder text = new StringBuilder(fault.key());
        if (location != null) {
            text.append(' ').append(location);
        }
        switch (fault.parameter()) {
            case DELAY_MS -> text.append(" +").append(delayMs).append(" ms");
            case RECORD_TYPE -> text.append(' ').append(recordType);
            case NONE -> { }
        }
        return text.append(' ').append(ratePercent).append(" %").toString();
    }
}
