package dev.geodig.gateway.traces;

import dev.geodig.gateway.problem.ProblemException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jaeger's answer to a trace search, read as a stream: a search of hundreds of traces is megabytes of OTLP JSON, and
 * only one resource's spans at a time are ever held, each handed on as it is read.
 */
final class SearchAnswerStream {

    /** Reads one element of a streamed array: the rest of the document follows it. */
    private static final ObjectReader ELEMENT = JsonMapper.shared().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SearchAnswerStream() {
    }

    /** Every span of {@code {"result": {"resourceSpans": [...]}}}, one element of {@code resourceSpans} at a time. */
    static Void spans(InputStream body, Consumer<OtlpSpan> spans) {
        try (JsonParser parser = ELEMENT.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProblemException(HttpStatus.BAD_GATEWAY,
                        "Jaeger's query API answered the search with something that is not a JSON object.", List.of(), null);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("result") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String member = parser.currentName();
                        JsonToken memberValue = parser.nextToken();
                        if (member.equals("resourceSpans") && memberValue == JsonToken.START_ARRAY) {
                            while (parser.nextToken() == JsonToken.START_OBJECT) {
                                JsonNode resource = ELEMENT.readTree(parser);
                                OtlpSpan.ofResource(resource).forEach(spans);
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return null;
    }
}
