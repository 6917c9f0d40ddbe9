package dev.geodig.gateway.traces;

import dev.geodig.contract.TraceView.Kind;
import dev.geodig.contract.TraceView.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parts of the OTLP JSON encoding (opentelemetry-proto, JSON mapping) that reading spans needs:
 * attribute values, span kinds, status codes and times. Enums may come as numbers or as their names.
 */
final class OtlpJson {

    private static final List<Kind> KINDS_BY_NUMBER =
            List.of(Kind.INTERNAL, Kind.INTERNAL, Kind.SERVER, Kind.CLIENT, Kind.PRODUCER, Kind.CONSUMER);

    private OtlpJson() {
    }

    /** A list of {@code {key, value: AnyValue}} as an ordered map of plain JSON values. */
    static Map<String, Object> attributes(JsonNode keyValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (JsonNode keyValue : keyValues) {
            attributes.put(keyValue.path("key").asString(""), value(keyValue.path("value")));
        }
        return Collections.unmodifiableMap(attributes);
    }

    /** An OTLP {@code AnyValue}: strings stay strings, 64-bit integers (JSON strings in OTLP) become numbers. */
    static Object value(JsonNode anyValue) {
        if (anyValue.has("stringValue")) {
            return anyValue.get("stringValue").asString();
        }
        if (anyValue.has("boolValue")) {
            return anyValue.get("boolValue").asBoolean();
        }
        if (anyValue.has("intValue")) {
            JsonNode number = anyValue.get("intValue");
            try {
                return number.isNumber() ? number.asLong() : Long.parseLong(number.asString());
            } catch (NumberFormatException e) {
                return number.asString();
            }
        }
        if (anyValue.has("doubleValue")) {
            return anyValue.get("doubleValue").asDouble();
        }
        if (anyValue.has("arrayValue")) {
            List<Object> values = new ArrayList<>();
            for (JsonNode element : anyValue.path("arrayValue").path("values")) {
                values.add(value(element));
            }
            return values;
        }
        if (anyValue.has("kvlistValue")) {
            return attributes(anyValue.path("kvlistValue").path("values"));
        }
        if (anyValue.has("bytesValue")) {
            return anyValue.get("bytesValue").asString();
        }
        return null;
    }

    /** {@code SPAN_KIND_SERVER} or 2 → {@link Kind#SERVER}; unknown kinds read as internal. */
    static Kind kind(JsonNode kind) {
        if (kind.isNumber()) {
            int number = kind.asInt();
            return number >= 0 && number < KINDS_BY_NUMBER.size() ? KINDS_BY_NUMBER.get(number) : Kind.INTERNAL;
        }
        String name = kind.asString("").replace("SPAN_KIND_", "");
        for (Kind candidate : Kind.values()) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        return Kind.INTERNAL;
    }

    /** {@code STATUS_CODE_ERROR} or 2 → {@link Status#ERROR}; absent → unset. */
    static Status status(JsonNode code) {
        if (code.isNumber()) {
            return switch (code.asInt()) {
                case 1 -> Status.OK;
                case 2 -> Status.ERROR;
                default -> Status.UNSET;
            };
        }
        return switch (code.asString("").replace("STATUS_CODE_", "")) {
            case "OK" -> Status.OK;
            case "ERROR" -> Status.ERROR;
            default -> Status.UNSET;
        };
    }

    /** A 64-bit time in nanoseconds, which OTLP JSON writes as a decimal string; 0 when unreadable. */
    static long nanos(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asString("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A count such as {@code droppedEventsCount} (a uint32: a JSON number, a string from some encoders); 0 when absent or unreadable. */
    static long count(JsonNode value) {
        return Math.max(0, nanos(value));
    }
}
