package dev.geodig.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group commands against a real Redis. */
class ConsumerGroupTest {

    private static final String STREAM = "s";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final ConsumerGroup one = new ConsumerGroup(STREAM, "g", "one");
    private final ConsumerGroup other = new ConsumerGroup(STREAM, "g", "other");

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    private static RedisCommands<String, String> redis() {
        return redis.commands();
    }

    private static String add(String value) {
        return redis().xadd(STREAM, "f", value);
    }

    private static List<String> ids(List<StreamMessage<String, String>> entries) {
        return entries.stream().map(StreamMessage::getId).toList();
    }

    private static long deliveries(String id) {
        return redis().xpending(STREAM, "g", Range.create(id, id), Limit.from(1)).getFirst().getRedeliveryCount();
    }

    @Test
    void createMakesTheStreamAndSaysWhetherTheGroupWasThereAlready() {
        assertThat(one.create(redis(), ConsumerGroup.AFTER_LAST)).isTrue();
        assertThat(redis().exists(STREAM)).isEqualTo(1);
        assertThat(other.create(redis(), ConsumerGroup.FROM_FIRST)).isFalse();

        one.destroy(redis());
        assertThat(redis().xinfoGroups(STREAM)).isEmpty();
    }

    @Test
    void aGroupCreatedAfterTheLastEntryReadsOnlyWhatComesLaterAndOneFromTheFirstReadsEverything() {
        String before = add("before");
        one.create(redis(), ConsumerGroup.AFTER_LAST);
        String after = add("after");
        assertThat(ids(one.readNew(redis(), Duration.ofMillis(10), 10))).containsExactly(after);

        one.destroy(redis());
        one.create(redis(), ConsumerGroup.FROM_FIRST);
        assertThat(ids(one.readNew(redis(), Duration.ofMillis(10), 10))).containsExactly(before, after);
    }

    @Test
    void whatAConsumerReadAndDidNotAcknowledgeItReadsAgainAsItsOwnPending() {
        one.create(redis(), ConsumerGroup.AFTER_LAST);
        String first = add("1");
        String second = add("2");
        String third = add("3");
        one.readNew(redis(), Duration.ofMillis(10), 10);
        assertThat(one.acknowledge(redis(), second)).isEqualTo(1);

        assertThat(ids(one.readOwnPending(redis(), ConsumerGroup.FROM_FIRST, 10))).containsExactly(first, third);
        assertThat(ids(one.readOwnPending(redis(), first, 10))).containsExactly(third);
        assertThat(other.readOwnPending(redis(), ConsumerGroup.FROM_FIRST, 10)).isEmpty();
    }

    @Test
    void deliveryCountsCountEveryDeliveryAndSayWhenAnEntryIsNoLongerPending() {
        one.create(redis(), ConsumerGroup.AFTER_LAST);
        String first = add("1");
        String second = add("2");
        String third = add("3");
        one.readNew(redis(), Duration.ofMillis(10), 10);
        List<StreamMessage<String, String>> page = one.readOwnPending(redis(), ConsumerGroup.FROM_FIRST, 10);
        one.acknowledge(redis(), second);

        // Read new, then read again as pending: two deliveries each; the acknowledged one is no longer pending.
        assertThat(one.deliveryCounts(redis(), page, 0))
                .containsEntry(first, 2L).containsEntry(second, ConsumerGroup.NOT_PENDING).containsEntry(third, 2L);
    }

    @Test
    void deliveryCountsFindAnEntryCrowdedOutOfTheRangeByOtherEntriesOfTheConsumer() {
        one.create(redis(), ConsumerGroup.AFTER_LAST);
        String first = add("1");
        add("2");
        String third = add("3");
        one.readNew(redis(), Duration.ofMillis(10), 10);
        // A page of the first and third only: the second, still the consumer's, takes a place in the answer for the range.
        List<StreamMessage<String, String>> all = redis().xrange(STREAM, Range.create("-", "+"));
        List<StreamMessage<String, String>> page = List.of(all.get(0), all.get(2));

        assertThat(one.deliveryCounts(redis(), page, 0)).containsOnlyKeys(first, third)
                .containsEntry(first, 1L).containsEntry(third, 1L);
    }

    @Test
    void claimingTakesOverEntriesIdleLongEnoughAndKeepingClaimedStopsThat() throws InterruptedException {
        one.create(redis(), ConsumerGroup.AFTER_LAST);
        String kept = add("kept");
        String abandoned = add("abandoned");
        other.readNew(redis(), Duration.ofMillis(10), 10);
        Thread.sleep(300);

        other.keepClaimed(redis(), kept);
        ClaimedMessages<String, String> claimed = one.claimIdle(redis(), Duration.ofMillis(200), "0-0", 10);

        assertThat(ids(claimed.getMessages())).containsExactly(abandoned);
        assertThat(deliveries(abandoned)).isEqualTo(2);
        // Kept claimed: its idle time began again and no delivery was counted.
        assertThat(deliveries(kept)).isEqualTo(1);
        assertThat(redis().xpending(STREAM, "g").getConsumerMessageCount()).containsEntry("one", 1L).containsEntry("other", 1L);
    }
}
