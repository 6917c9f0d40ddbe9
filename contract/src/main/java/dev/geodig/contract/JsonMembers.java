package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.util.ArrayList;
import java.util.Collection;
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
 * Reads the JSON object of a request body strictly and its members by hand, collecting a {@link FieldError} per
 * member at fault: the one way geodig reads a body (a lookup, a fault's setting), so every one is refused alike.
 * Strict: a repeated key or trailing garbage is an error, and nothing is coerced (a number is not a name).
 */
public final class JsonMembers {

    /** The field named by errors about the body as a whole. */
    public static final String BODY = "body";

    private static final int MAX_ECHO = 200;
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonMembers() {
    }

    /**
     * The body's JSON object, or {@code null} with the reason added to {@code errors} (field {@code body}).
     *
     * @param required what an empty body lacks: {@code a JSON object with at least "domain"}
     * @param shape what the body must be: {@code a JSON object with "domain", "locations" and "record_types"}
     */
    public static JsonNode object(byte[] body, String required, String shape, List<FieldError> errors) {
        if (body == null || body.length == 0) {
            errors.add(new FieldError(BODY, "is empty; " + required + " is required"));
            return null;
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JacksonException e) {
            errors.add(new FieldError(BODY, ClientText.printable("is not valid JSON" + where(e.getLocation()) + ": "
                    + e.getOriginalMessage(), MAX_ECHO)));
            return null;
        }
        if (root == null || root.isMissingNode()) {
            errors.add(new FieldError(BODY, "is empty; " + required + " is required"));
            return null;
        }
        if (!root.isObject()) {
            errors.add(new FieldError(BODY, "must be " + shape + ", not " + (root.isNull() ? "null" : typeOf(root))));
            return null;
        }
        return root;
    }

    /** An error per member of {@code object} not among {@code known}, its name made printable. */
    public static void refuseUnknown(JsonNode object, Collection<String> known, String knownAre, List<FieldError> errors) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!known.contains(member.getKey())) {
                errors.add(new FieldError(ClientText.printable(member.getKey(), MAX_ECHO), "is not a known property; " + knownAre));
            }
        }
    }

    /** A JSON string, or {@code null} when absent or JSON null (the caller decides whether that is allowed). */
    public static String string(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a JSON string, not " + typeOf(node)));
            return null;
        }
        return node.asString();
    }

    /** A JSON array of strings (null elements kept for the caller to name), or {@code null} when absent. */
    public static List<String> strings(JsonNode node, String field, List<FieldError> errors) {
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

    /** A whole JSON number that fits an int, or {@code null} when absent or JSON null. */
    public static Integer wholeNumber(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new FieldError(field, "must be a whole JSON number, not "
                    + (node.isNumber() ? ClientText.printable(node.asString(), MAX_ECHO) : typeOf(node))));
            return null;
        }
        return node.asInt();
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
}
