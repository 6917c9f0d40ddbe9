package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns the body of a lookup request into a checked, normalized {@link LookupRequest}, or an
 * {@link InvalidLookupRequestException} naming every field at fault: the one way the gateway and the
 * orchestrator read a lookup, so that both answer a bad one alike.
 *
 * <p>The body is read strictly, so nothing a client sends is silently reinterpreted: an unknown
 * property (a typo like {@code record_type} would otherwise mean "the defaults"), a number where a
 * name belongs, a repeated key or trailing garbage is an error naming the field. It is read as a JSON
 * tree and checked by hand rather than bound by databind: binding coerces numbers and booleans to
 * strings, stops at the first problem, and (Jackson 3.1.4) reads a nested array inside a
 * {@code List<String>} as a trailing-token error on the whole body. By hand, every wrong field is
 * reported at once, with its JSON path ({@code locations[1]}). The values are then checked by
 * {@link LookupRequestValidator}.
 */
public final class LookupRequestReader {

    private static final List<String> KNOWN_PROPERTIES = List.of("domain", "locations", "record_types");

    private final LookupRequestValidator validator;

    /** @param knownLocations every location a request may name, and what a request without locations asks */
    public LookupRequestReader(List<String> knownLocations) {
        this.validator = new LookupRequestValidator(knownLocations);
    }

    /** The request in {@code body}, checked and normalized; {@link InvalidLookupRequestException} says where and why not. */
    public LookupRequest read(byte[] body) {
        return validator.validate(parse(body));
    }

    private static LookupRequest parse(byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = JsonMembers.object(body, "a JSON object with at least \"domain\"",
                "a JSON object with \"domain\", \"locations\" and \"record_types\"", errors);
        if (root == null) {
            throw new InvalidLookupRequestException(errors);
        }
        JsonMembers.refuseUnknown(root, KNOWN_PROPERTIES, "known: " + KNOWN_PROPERTIES, errors);
        String domain = JsonMembers.string(root.get("domain"), "domain", errors);
        List<String> locations = JsonMembers.strings(root.get("locations"), "locations", errors);
        List<String> recordTypes = JsonMembers.strings(root.get("record_types"), "record_types", errors);
        if (!errors.isEmpty()) {
            throw new InvalidLookupRequestException(errors);
        }
        return new LookupRequest(domain, locations, recordTypes);
    }
}
