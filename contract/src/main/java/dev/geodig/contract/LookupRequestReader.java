package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    /** The field named by errors about the body as a whole. */
    private static final String BODY = "body";

    private static final List<String> KNOWN_PROPERTIES = List.of("domain", "locations", "record_types");
    private static final int MAX_REASON_LENGTH = 200;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
        if (body == null || body.length == 0) {
            throw invalid(BODY, "is empty; a JSON object with at least \"domain\" is required");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw invalid(BODY, "is not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw invalid(BODY, "is empty; a JSON object with at least \"domain\" is required");
        }
        if (!root.isObject()) {
            throw invalid(BODY, "must be a JSON object with \"domain\", \"locations\" and \"record_types\", not "
                    + (root.isNull() ? "null" : typeOf(root)));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            if (!KNOWN_PROPERTIES.contains(property.getKey())) {
                errors.add(new FieldError(ClientText.printable(property.getKey(), MAX_REASON_LENGTH),
                        "is not a known property; known: " + KNOWN_PROPERTIES));
            }
        }
        String domain = string(root.get("domain"), "domain", errors);
        List<String> locations = strings(root.get("locations"), "locations", errors);
        List<String> recordTypes = strings(root.get("record_types"), "record_types", errors);
        if (!errors.isEmpty()) {
            throw new InvalidLookupRequestException(errors);
        }
        return new LookupRequest(domain, locations, recordTypes);
    }

    /** A JSON string, or {@code null} when absent or JSON null (the validator decides whether that is allowed). */
    private static String string(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a JSON string, not " + typeOf(node)));
            return null;
        }
        return node.asString();
    }

    /** A JSON array of strings (null elements kept for the validator to name), or {@code null} when absent. */
    private static List<String> strings(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be a JSON array of strings, not " + typeOf(node)));
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isNull()) {
                values.add(null);
            } else if (element.isString()) {
                values.add(element.asString());
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "must be a JSON string, not " + typeOf(element)));
            }
        }
        return values;
    }

    private static String typeOf(JsonNode node) {
        return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static InvalidLookupRequestException invalid(String field, String reason) {
        return new InvalidLookupRequestException(List.of(new FieldError(field, ClientText.printable(reason, MAX_REASON_LENGTH))));
    }
}
