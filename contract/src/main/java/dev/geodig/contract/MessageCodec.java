package dev.geodig.contract;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes messages as one JSON document in the {@link Streams#PAYLOAD_FIELD} field of a stream entry,
 * and decodes them back. Thread-safe.
 */
public final class MessageCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            // A newer producer may add fields; an older consumer must still read the message.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MessageCodec() {
    }

    public static Map<String, String> encode(Object message) {
        return Map.of(Streams.PAYLOAD_FIELD, JSON.writeValueAsString(message));
    }

    public static DnsTask decodeTask(Map<String, String> fields) {
        return decode(fields, DnsTask.class);
    }

    public static DnsResult decodeResult(Map<String, String> fields) {
        return decode(fields, DnsResult.class);
    }

    private static <T> T decode(Map<String, String> fields, Class<T> type) {
        String payload = fields == null ? null : fields.get(Streams.PAYLOAD_FIELD);
        if (payload == null) {
            throw new MalformedMessageException("no '" + Streams.PAYLOAD_FIELD + "' field in entry " + fields);
        }
        try {
            T message = JSON.readValue(payload, type);
            if (message == null) {
                throw new MalformedMessageException("payload is JSON null");
            }
            return message;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A stream entry that is not a message of the expected type. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }

        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
