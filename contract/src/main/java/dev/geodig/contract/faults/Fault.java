package dev.geodig.contract.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The failures geodig can be told to inject, each a feature flag of the same key in the flag file
 * ({@link FaultFlagFile}). Every fault acts on a share of the lookups ({@link FaultSetting#ratePercent()});
 * some take a parameter, and all but the orchestrator's are set per location.
 */
public enum Fault {

    WORKER_FAIL("worker-fail", true, Parameter.NONE,
            "the location's worker fails the task: its result says error, with why"),
    WORKER_DROP("worker-drop", true, Parameter.NONE,
            "the location's worker drops the task: no result, the location times out"),
    DNS_DELAY("dns-delay", true, Parameter.DELAY_MS,
            "each of the location's DNS queries waits this long first"),
    DNS_SERVFAIL("dns-servfail", true, Parameter.RECORD_TYPE,
            "the location's DNS answers SERVFAIL for this record type"),
    WORKER_EXIT("worker-exit", true, Parameter.NONE,
            "the location's worker exits when the task arrives; the supervisor starts it again"),
    ORCHESTRATOR_DELAY("orchestrator-delay", false, Parameter.DELAY_MS,
            "the orchestrator waits this long before publishing the task");

    /** What a fault takes besides its rate. */
    public enum Parameter {
        NONE, DELAY_MS, RECORD_TYPE
    }

    private final String key;
    private final boolean perLocation;
    private final Parameter parameter;
    private final String description;

    Fault(String key, boolean perLocation, Parameter parameter, String description) {
        this.key = key;
        this.perLocation = perLocation;
        this.parameter = parameter;
        this.description = description;
    }

    /** The flag's key in the flag file and the fault's name in the API and the terminal. */
    public String key() {
        return key;
    }

    public boolean perLocation() {
        return perLocation;
    }

    public Parameter parameter() {
        return parameter;
    }

    public String description() {
        return description;
    }

    public static Optional<Fault> byKey(String key) {
        String wanted = key == null ? "" : key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.key.equals(wanted)).findFirst();
    }
}
