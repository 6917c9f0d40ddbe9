package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.geodig.contract.LookupReport.LocationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the locations got the same answer for one record type: the point of asking from several
 * places, as a DNS propagation checker shows it. Computed once here, so the API, the page and the
 * terminal client all say the same thing.
 *
 * <p>Two locations agree when they got the same response code and the same set of answer values.
 * TTLs are left out on purpose: a cache counts them down, so equal answers seldom have equal TTLs.
 *
 * @param recordType the record type compared
 * @param verdict {@link Verdict#SAME}, {@link Verdict#DIFFER} or {@link Verdict#INCOMPLETE}
 * @param groups the locations that got each distinct answer, in the order the locations were
 *     requested (the first group holds the first location that answered)
 * @param missing locations with no outcome for this record type (their worker did not answer in time)
 * @param tailored whether every location with an outcome got an answer tailored to its client subnet (EDNS
 *     Client Subnet scope above 0): answers that differ so are geography at work; answers that differ
 *     without it are servers that disagree, which is what a propagation check looks for
 */
public record Agreement(
        @JsonProperty("record_type") String recordType,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("groups") List<Group> groups,
        @JsonProperty("missing") List<String> missing,
        @JsonProperty("tailored") boolean tailored) {

    public Agreement {
        groups = List.copyOf(groups);
        missing = List.copyOf(missing);
    }

    /** The verdict for one record type. */
    public enum Verdict {
        /** Every requested location got the same answer. */
        SAME,
        /** At least two locations got different answers (whether or not some are missing). */
        DIFFER,
        /** The locations that answered agree, but some did not answer: agreement is not proven. */
        INCOMPLETE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One distinct answer and the locations that got it.
     *
     * @param rcode the response code they share ({@link RecordLookup#rcode()})
     * @param answers the answer values they share, sorted, without TTLs
     */
    public record Group(
            @JsonProperty("rcode") Rcode rcode,
            @JsonProperty("answers") List<String> answers,
            @JsonProperty("locations") List<String> locations) {

        public Group {
            answers = List.copyOf(answers);
            locations = List.copyOf(locations);
        }
    }

    /** One agreement per record type, in the order requested; {@code results} in the order the locations were requested. */
    public static List<Agreement> across(List<String> recordTypes, Map<String, LocationReport> results) {
        if (recordTypes == null || results == null) {
            return List.of();
        }
        List<Agreement> agreements = new ArrayList<>(recordTypes.size());
        for (String recordType : recordTypes) {
            agreements.add(of(recordType, results));
        }
        return agreements;
    }

    private static Agreement of(String recordType, Map<String, LocationReport> results) {
        // Keyed by what makes two outcomes equal; insertion order keeps the request's location order.
        Map<Outcome, List<String>> locationsByOutcome = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        boolean allTailored = true;
        for (Map.Entry<String, LocationReport> result : results.entrySet()) {
            LocationReport report = result.getValue();
            RecordLookup lookup = report == null || report.records() == null ? null : report.records().get(recordType);
            if (lookup == null) {
                missing.add(result.getKey());
            } else {
                locationsByOutcome.computeIfAbsent(Outcome.of(lookup), key -> new ArrayList<>()).add(result.getKey());
                allTailored &= lookup.tailored();
            }
        }
        List<Group> groups = new ArrayList<>(locationsByOutcome.size());
        locationsByOutcome.forEach((outcome, locations) -> groups.add(new Group(outcome.rcode(), outcome.answers(), locations)));
        Verdict verdict = groups.size() > 1 ? Verdict.DIFFER
                : groups.size() == 1 && missing.isEmpty() ? Verdict.SAME
                : Verdict.INCOMPLETE;
        return new Agreement(recordType, verdict, groups, missing, !groups.isEmpty() && allTailored);
    }

    /** What two locations must share to agree. */
    private record Outcome(Rcode rcode, List<String> answers) {
        static Outcome of(RecordLookup lookup) {
            List<String> values = lookup.answers().stream().map(RecordLookup.Answer::value).distinct().sorted().toList();
            return new Outcome(lookup.rcode(), values);
        }
    }
}
