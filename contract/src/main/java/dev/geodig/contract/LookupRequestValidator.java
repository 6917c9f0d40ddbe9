package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the values of a {@link LookupRequest} that {@link LookupRequestReader} read, and returns its
 * normalized form: the domain as {@link DomainName} writes it, record types upper-case, defaults filled
 * in. Every problem found is reported at once, each naming its field.
 */
final class LookupRequestValidator {

    private final List<String> knownLocations;

    LookupRequestValidator(List<String> knownLocations) {
        if (knownLocations == null || knownLocations.isEmpty()) {
            throw new IllegalArgumentException("at least one location must be configured");
        }
        this.knownLocations = List.copyOf(knownLocations);
    }

    /** The normalized request, or {@link InvalidLookupRequestException} naming every problem. */
    LookupRequest validate(LookupRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String domain = DomainName.normalize(request.domain(), errors);
        List<String> locations = checkLocations(request.locations(), errors);
        List<String> recordTypes = checkRecordTypes(request.recordTypes(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidLookupRequestException(errors);
        }
        return new LookupRequest(domain, locations, recordTypes);
    }

    private List<String> checkLocations(List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return knownLocations;
        }
        if (raw.isEmpty()) {
            errors.add(new FieldError("locations", "must not be empty; omit it to ask every location"));
            return raw;
        }
        Set<String> seen = new HashSet<>();
        for (String location : raw) {
            if (location == null) {
                errors.add(new FieldError("locations", "must not contain null"));
            } else if (!knownLocations.contains(location)) {
                errors.add(new FieldError("locations", "unknown location '" + ClientText.value(location) + "'; known: " + knownLocations));
            } else if (!seen.add(location)) {
                errors.add(new FieldError("locations", "duplicate location '" + location + "'"));
            }
        }
        return List.copyOf(raw.stream().filter(l -> l != null).toList());
    }

    private static List<String> checkRecordTypes(List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return LookupRequest.DEFAULT_RECORD_TYPES;
        }
        if (raw.isEmpty()) {
            errors.add(new FieldError("record_types", "must not be empty; omit it for " + LookupRequest.DEFAULT_RECORD_TYPES));
            return raw;
        }
        List<String> normalized = new ArrayList<>();
        for (String type : raw) {
            if (type == null) {
                errors.add(new FieldError("record_types", "must not contain null"));
                continue;
            }
            String upper = type.toUpperCase(Locale.ROOT);
            if (!LookupRequest.SUPPORTED_RECORD_TYPES.contains(upper)) {
                errors.add(new FieldError("record_types", "unsupported record type '" + ClientText.value(type) + "'; supported: " + LookupRequest.SUPPORTED_RECORD_TYPES));
            } else if (normalized.contains(upper)) {
                errors.add(new FieldError("record_types", "duplicate record type '" + upper + "'"));
            } else {
                normalized.add(upper);
            }
        }
        return List.copyOf(normalized);
    }
}
