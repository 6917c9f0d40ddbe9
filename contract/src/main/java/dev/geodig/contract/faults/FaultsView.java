package dev.geodig.contract.faults;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answer of the gateway's faults API ({@code GET /api/v1/faults}, and of every change to it): whether faults
 * can be changed, what can be injected where, and what is on now, with a one-line banner for a page or a terminal.
 *
 * @param control {@code enabled} (changes accepted from a loopback client or with the token), {@code disabled}
 *     (changes refused: {@code geodig.gateway.faults.control-enabled} is off) or {@code unavailable} (the gateway
 *     has no flag file)
 * @param locations the configured locations, in order: where a per-location fault may be set
 * @param faults every fault there is, in {@link Fault}'s order
 * @param active the settings in the flag file now: by fault, then location in the configured order
 * @param banner {@code 2 faults on: <summary>, <summary>}; {@code null} when none is on
 */
public record FaultsView(
        @JsonProperty("control") String control,
        @JsonProperty("locations") List<String> locations,
        @JsonProperty("faults") List<FaultKind> faults,
        @JsonProperty("active") List<ActiveFault> active,
        @JsonProperty("banner") String banner) {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    public static final String UNAVAILABLE = "unavailable";

    public FaultsView {
        locations = locations == null ? List.of() : List.copyOf(locations);
        faults = faults == null ? List.of() : List.copyOf(faults);
        active = active == null ? List.of() : List.copyOf(active);
    }

    /**
     * One fault that can be injected.
     *
     * @param fault its key ({@link Fault#key()})
     * @param perLocation whether a setting names a location ({@code false}: the orchestrator's, which has none)
     * @param parameter {@code delay_ms}, {@code record_type}, or {@code null} for a fault that takes only a rate
     */
    public record FaultKind(
            @JsonProperty("fault") String fault,
            @JsonProperty("description") String description,
            @JsonProperty("per_location") boolean perLocation,
            @JsonProperty("parameter") String parameter) {

        static FaultKind of(Fault fault) {
            String parameter = switch (fault.parameter()) {
                case DELAY_MS -> FaultFlagFile.DELAY_MS;
                case RECORD_TYPE -> FaultFlagFile.RECORD_TYPE;
                case NONE -> null;
            };
            return new FaultKind(fault.key(), fault.description(), fault.perLocation(), parameter);
        }
    }

    /**
     * One setting that is on.
     *
     * @param location {@code null} for the orchestrator's fault
     * @param delayMs {@code null} unless the fault is a delay
     * @param recordType {@code null} unless the fault is {@code dns-servfail}
     * @param summary as a person reads it: {@code dns-delay eu-west-1 +800 ms 50 %}
     */
    public record ActiveFault(
            @JsonProperty("fault") String fault,
            @JsonProperty("location") String location,
            @JsonProperty("rate_percent") int ratePercent,
            @JsonProperty("delay_ms") Integer delayMs,
            @JsonProperty("record_type") String recordType,
            @JsonProperty("summary") String summary) {

        static ActiveFault of(FaultSetting setting) {
            Integer delay = setting.fault().parameter() == Fault.Parameter.DELAY_MS ? setting.delayMs() : null;
            return new ActiveFault(setting.fault().key(), setting.location(), setting.ratePercent(), delay, setting.recordType(),
                    setting.describe());
        }
    }

    /** The view of {@code settings} (in any order) with this control state and these configured locations. */
    public static FaultsView of(String control, List<String> locations, List<FaultSetting> settings) {
        // A location the file names but the configuration does not (a hand edit, a changed topology) still shows, last.
        Comparator<FaultSetting> order = Comparator.<FaultSetting>comparingInt(s -> s.fault().ordinal())
                .thenComparingInt(s -> s.location() == null || !locations.contains(s.location())
                        ? Integer.MAX_VALUE : locations.indexOf(s.location()))
                .thenComparing(s -> s.location() == null ? "" : s.location());
        List<FaultSetting> sorted = settings.stream().sorted(order).toList();
        List<FaultKind> kinds = Arrays.stream(Fault.values()).map(FaultKind::of).toList();
        return new FaultsView(control, locations, kinds, sorted.stream().map(ActiveFault::of).toList(), banner(sorted));
    }

    private static String banner(List<FaultSetting> settings) {
        if (settings.isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "%d %s on: %s", settings.size(), settings.size() == 1 ? "fault" : "faults",
                settings.stream().map(FaultSetting::describe).collect(Collectors.joining(", ")));
    }
}
