package dev.geodig.streams;

import java.util.Collections;
import java.util.Map;

/**
 * One entry of a stream as a consumer group hands it to its consumer.
 *
 * @param id the entry's id in the stream
 * @param fields the entry's fields, never empty (an entry the stream has trimmed away is not delivered)
 * @param count how often the group has delivered it, this delivery included: 1 for an entry read new;
 *     more for one re-read after a restart or claimed from another consumer, whose earlier deliveries
 *     ended without an acknowledgement
 */
public record Delivery(String id, Map<String, String> fields, long count) {

    /** The delivery count of an entry read new: Redis counts that read as its first delivery. */
    public static final long FIRST = 1;

    public Delivery {
        fields = Collections.unmodifiableMap(fields); // Lettuce's map, in the entry's field order
    }
}
