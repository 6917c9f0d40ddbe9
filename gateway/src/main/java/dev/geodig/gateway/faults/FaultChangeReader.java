package dev.geodig.gateway.faults;

import dev.geodig.contract.JsonMembers;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.contract.faults.FaultSettingRequest;
import dev.geodig.contract.faults.InvalidFaultException;
import dev.geodig.gateway.problem.ProblemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * What a client asks of the faults, checked: the fault in the path, the location in the body or the query, the body of
 * a {@code PUT} ({@link FaultSettingRequest}). The body is read as strictly as a lookup's
 * ({@code LookupRequestReader}): a JSON tree checked by hand, so an unknown member (a typo), a value of the wrong type,
 * a repeated member or trailing text is a 400 naming its field, every such field at once, rather than a default. The
 * setting itself is then checked by {@link FaultSetting} (a 400 naming the first field it refuses), and the location
 * against the configured ones.
 */
final class FaultChangeReader {

    static final String FAULT = "fault";
    static final String LOCATION = "location";
    private static final List<String> MEMBERS = List.of(LOCATION, FaultFlagFile.RATE_PERCENT, FaultFlagFile.DELAY_MS,
            FaultFlagFile.RECORD_TYPE);

    private final List<String> locations;

    /** @param locations the configured locations: the only ones a setting may name */
    FaultChangeReader(List<String> locations) {
        this.locations = List.copyOf(locations);
    }

    /** The fault the path names; 404 naming {@code fault} for any other. */
    static Fault fault(String key) {
        return Fault.byKey(key).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "There is no such fault.",
                List.of(new FieldError(FAULT, "is not a fault; the faults are " + Arrays.stream(Fault.values())
                        .map(Fault::key).collect(Collectors.joining(", ")))), null));
    }

    /** The change a {@code PUT} body asks of {@code fault}: a setting, or, at a rate of 0, its removal. */
    FaultChange put(Fault fault, byte[] body) {
        FaultSettingRequest request = parse(body);
        String location = location(fault, request.location());
        int rate = request.ratePercent() == null ? 100 : request.ratePercent();
        if (rate == 0) {
            return new FaultChange.Remove(fault, location);
        }
        try {
            return new FaultChange.Put(new FaultSetting(fault, location, rate, request.delayMs() == null ? 0 : request.delayMs(),
                    request.recordType()));
        } catch (InvalidFaultException e) {
            throw invalid(e.field(), e.getMessage());
        }
    }

    /** The change a {@code DELETE} of {@code fault} asks: in one location, or without one everywhere. */
    FaultChange remove(Fault fault, String location) {
        if (location == null) {
            return fault.perLocation() ? new FaultChange.RemoveFault(fault) : new FaultChange.Remove(fault, null);
        }
        return new FaultChange.Remove(fault, location(fault, location));
    }

    /** The location a setting of {@code fault} names, checked: one of the configured for a per-location fault, else none. */
    private String location(Fault fault, String location) {
        if (!fault.perLocation()) {
            if (location != null) {
                throw invalid(LOCATION, fault.key() + " acts in no one location: leave location out");
            }
            return null;
        }
        if (location == null || location.isEmpty()) {
            throw invalid(LOCATION, fault.key() + " acts in one location: name it, one of " + locations);
        }
        if (!locations.contains(location)) {
            throw invalid(LOCATION, "is not a configured location; they are " + locations);
        }
        return location;
    }

    private static FaultSettingRequest parse(byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = JsonMembers.object(body, "a JSON object with " + MEMBERS + " (location and the fault's parameter)",
                "a JSON object with " + MEMBERS, errors);
        if (root == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "The fault's setting is invalid.", errors, null);
        }
        JsonMembers.refuseUnknown(root, MEMBERS, "the members of a fault's setting are " + MEMBERS, errors);
        String location = JsonMembers.string(root.get(LOCATION), LOCATION, errors);
        Integer rate = JsonMembers.wholeNumber(root.get(FaultFlagFile.RATE_PERCENT), FaultFlagFile.RATE_PERCENT, errors);
        if (rate != null && (rate < 0 || rate > 100)) {
            errors.add(new FieldError(FaultFlagFile.RATE_PERCENT, "must be from 1 to 100 (percent of lookups), or 0 to switch it off"));
        }
        // The delay's range is the fault's to say (FaultSetting): 1 to 60000 ms for a delay, none for any other fault.
        Integer delay = JsonMembers.wholeNumber(root.get(FaultFlagFile.DELAY_MS), FaultFlagFile.DELAY_MS, errors);
        String recordType = JsonMembers.string(root.get(FaultFlagFile.RECORD_TYPE), FaultFlagFile.RECORD_TYPE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "The fault's setting is invalid.", errors, null);
        }
        return new FaultSettingRequest(location, rate, delay, recordType);
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "The fault's setting is invalid.", List.of(new FieldError(field, reason)), null);
    }
}
