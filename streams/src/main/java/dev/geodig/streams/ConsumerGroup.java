package dev.geodig.streams;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer of one consumer group of one stream, and the group commands it sends. Each takes the
 * connection to send on: a blocking read needs a connection of its own, short commands share one.
 * Whether a command is traced is the caller's choice (a request's own reads are, idle polling is not).
 */
public final class ConsumerGroup {

    /** Where a group starts when created at {@code $}: after the stream's last entry. */
    public static final String AFTER_LAST = "$";
    /** Where a group starts when created at {@code 0}: at the stream's first entry. */
    public static final String FROM_FIRST = "0";
    /** The delivery count of an entry no longer pending: acknowledged since it was read. */
    public static final long NOT_PENDING = 0;

    private final String stream;
    private final String group;
    private final Consumer<String> consumer;

    public ConsumerGroup(String stream, String group, String consumerName) {
        this.stream = stream;
        this.group = group;
        this.consumer = Consumer.from(group, consumerName);
    }

    public String stream() {
        return stream;
    }

    public String group() {
        return group;
    }

    public String consumerName() {
        return consumer.getName();
    }

    /**
     * {@code XGROUP CREATE … MKSTREAM} at {@code from} ({@link #AFTER_LAST}, {@link #FROM_FIRST} or an id).
     *
     * @return whether it was created; false when the group exists already ({@link RedisErrorCode#BUSYGROUP})
     */
    public boolean create(RedisStreamCommands<String, String> redis, String from) {
        try {
            redis.xgroupCreate(StreamOffset.from(stream, from), group, XGroupCreateArgs.Builder.mkstream());
            return true;
        } catch (RedisCommandExecutionException e) {
            if (RedisErrorCode.BUSYGROUP.is(e)) {
                return false;
            }
            throw e;
        }
    }

    /** {@code XGROUP DESTROY}: the group goes, its pending entries with it. */
    public void destroy(RedisStreamCommands<String, String> redis) {
        redis.xgroupDestroy(stream, group);
    }

    /** Up to {@code count} entries never delivered to this group ({@code >}), waiting up to {@code block} for one. */
    public List<StreamMessage<String, String>> readNew(RedisStreamCommands<String, String> redis, Duration block, int count) {
        return redis.xreadgroup(consumer, XReadArgs.Builder.block(block).count(count), StreamOffset.lastConsumed(stream));
    }

    /** Up to {@code count} entries this consumer read before and has not acknowledged, after id {@code after}. */
    public List<StreamMessage<String, String>> readOwnPending(RedisStreamCommands<String, String> redis, String after,
            int count) {
        return redis.xreadgroup(consumer, XReadArgs.Builder.count(count), StreamOffset.from(stream, after));
    }

    /** {@code XAUTOCLAIM}: up to {@code count} entries pending longer than {@code idle}, from {@code cursor} on. */
    public ClaimedMessages<String, String> claimIdle(RedisStreamCommands<String, String> redis, Duration idle,
            String cursor, int count) {
        return redis.xautoclaim(stream, XAutoClaimArgs.Builder.xautoclaim(consumer, idle, cursor).count(count));
    }

    /** Resets the idle time of entries this consumer holds ({@code XCLAIM … JUSTID}, which counts no delivery). */
    public void keepClaimed(RedisStreamCommands<String, String> redis, String... ids) {
        redis.xclaim(stream, consumer, XClaimArgs.Builder.minIdleTime(0).justid(), ids);
    }

    public long acknowledge(RedisStreamCommands<String, String> redis, String... ids) {
        return redis.xack(stream, group, ids);
    }

    /**
     * How often each entry of a page just re-delivered to this consumer has been delivered, this delivery
     * included ({@code XAUTOCLAIM} and {@code XREADGROUP} from an id both count one); {@link #NOT_PENDING} for
     * one acknowledged meanwhile. One {@code XPENDING} over the page's id range, filtered to this consumer, which
     * owns every entry of the page by now; up to {@code headroom} other entries of its own in that range (in
     * flight, failed lately) can take places in the answer, and what still is not in it is asked for one by one.
     */
    public Map<String, Long> deliveryCounts(RedisStreamCommands<String, String> redis,
            List<StreamMessage<String, String>> page, int headroom) {
        if (page.isEmpty()) {
            return Map.of();
        }
        // Both reads return entries in id order, so the first and last ids bound the page.
        Range<String> ids = Range.create(page.getFirst().getId(), page.getLast().getId());
        Map<String, Long> pending = new HashMap<>();
        for (PendingMessage entry : redis.xpending(stream, consumer, ids, Limit.from(page.size() + headroom))) {
            pending.put(entry.getId(), entry.getRedeliveryCount()); // Lettuce's name; it is XPENDING's delivery count
        }
        Map<String, Long> counts = new HashMap<>();
        for (StreamMessage<String, String> entry : page) {
            String id = entry.getId();
            Long count = pending.get(id);
            counts.put(id, count != null ? count : redis.xpending(stream, group, Range.create(id, id), Limit.from(1))
                    .stream().findFirst().map(PendingMessage::getRedeliveryCount).orElse(NOT_PENDING));
        }
        return counts;
    }

    @Override
    public String toString() {
        return "group " + group + " of " + stream + " as " + consumer.getName();
    }
}
