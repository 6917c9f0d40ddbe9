package dev.geodig.streams;

import dev.geodig.telemetry.UntracedPolling;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of a {@link GroupReader}'s loop, in its order: this consumer's own pending entries (on the first pass
 * only), entries abandoned by other consumers (when a claim round is due), then new entries; and the group created
 * again when Redis has lost it. All on the reading connection, and untraced ({@link UntracedPolling#call}): none
 * of it is a request's work.
 */
final class ReadPass {

    private static final Logger log = LoggerFactory.getLogger(ReadPass.class);

    /** XAUTOCLAIM pages per claim round: bounded, the next round continues anyway. */
    private static final int MAX_CLAIM_PAGES = 10;
    /** XAUTOCLAIM's cursor at the start, and its answer once it has gone through the whole pending list. */
    private static final String CLAIM_DONE = "0-0";

    private final RedisStreamCommands<String, String> reads;
    private final ConsumerGroup group;
    private final GroupReader.Settings settings;
    private final InFlightEntries inFlight;
    private final BooleanSupplier stopping;
    // Used by the loop's thread alone.
    private boolean ownPendingDone;
    private long nextClaim = System.nanoTime();

    ReadPass(RedisStreamCommands<String, String> reads, ConsumerGroup group, GroupReader.Settings settings,
            InFlightEntries inFlight, BooleanSupplier stopping) {
        this.reads = reads;
        this.group = group;
        this.settings = settings;
        this.inFlight = inFlight;
        this.stopping = stopping;
    }

    /** Creates the group at {@code from} unless it exists. */
    void createGroup(String from) {
        if (UntracedPolling.call(() -> group.create(reads, from))) {
            log.info("created {} at {}", group, from);
        }
    }

    void run() throws InterruptedException {
        try {
            readOnce();
        } catch (RedisException e) {
            if (!RedisErrorCode.NOGROUP.is(e) || stopping.getAsBoolean() || !recreateGroup()) {
                throw e;
            }
        }
    }

    private void readOnce() throws InterruptedException {
        if (!ownPendingDone) {
            handOutOwnPending();
            ownPendingDone = true;
        }
        if (System.nanoTime() - nextClaim >= 0) {
            claimAbandoned();
            nextClaim = System.nanoTime() + settings.claimEvery().toNanos();
        }
        handOut(UntracedPolling.call(() -> group.readNew(reads, settings.readBlock(), settings.concurrency())), Map.of());
    }

    /**
     * Redis no longer knows the group: it restarted without persistence, or someone destroyed the group. It is
     * created again from the stream's first entry, not at {@code $}, which would skip for good whatever was added
     * since Redis came back and before this read.
     *
     * @return whether the group exists now
     */
    private boolean recreateGroup() {
        try {
            createGroup(ConsumerGroup.FROM_FIRST);
            log.warn("{} was missing (Redis restarted empty?); it reads the stream from its start again", group);
            return true;
        } catch (RedisException stillDown) {
            log.debug("cannot create {} yet: {}", group, stillDown.getMessage());
            return false;
        }
    }

    /** Entries this consumer read before but never acknowledged: reading from an id returns them, page by page. */
    private void handOutOwnPending() throws InterruptedException {
        String after = ConsumerGroup.FROM_FIRST;
        while (!stopping.getAsBoolean()) {
            String from = after;
            List<StreamMessage<String, String>> page = UntracedPolling.call(() -> group.readOwnPending(reads, from,
                    settings.concurrency()));
            if (page.isEmpty()) {
                return;
            }
            log.info("handing out {} pending entries of {}", page.size(), group.consumerName());
            handOut(page, UntracedPolling.call(() -> group.deliveryCounts(reads, page, settings.concurrency())));
            after = page.getLast().getId();
        }
    }

    private void claimAbandoned() throws InterruptedException {
        String cursor = CLAIM_DONE;
        for (int page = 0; page < MAX_CLAIM_PAGES && !stopping.getAsBoolean(); page++) {
            String from = cursor;
            ClaimedMessages<String, String> claimed = UntracedPolling.call(() -> group.claimIdle(reads, settings.claimIdle(), from,
                    settings.concurrency()));
            List<StreamMessage<String, String>> entries = claimed.getMessages();
            if (!entries.isEmpty()) {
                log.info("claimed {} entries idle for more than {}", entries.size(), settings.claimIdle());
            }
            handOut(entries, UntracedPolling.call(() -> group.deliveryCounts(reads, entries, settings.concurrency())));
            cursor = claimed.getId();
            if (CLAIM_DONE.equals(cursor)) {
                return;
            }
        }
    }

    /** @param counts delivery count by entry id; an entry not in it was read new, on its first delivery */
    private void handOut(List<StreamMessage<String, String>> entries, Map<String, Long> counts)
            throws InterruptedException {
        for (StreamMessage<String, String> entry : entries) {
            String id = entry.getId();
            long count = counts.getOrDefault(id, Delivery.FIRST);
            if (count == ConsumerGroup.NOT_PENDING) {
                log.debug("entry {} was acknowledged since it was read; nothing to do", id);
            } else if (entry.getBody() == null || entry.getBody().isEmpty()) {
                // A pending entry the stream has trimmed away since: nothing left to do or to keep.
                log.warn("entry {} is no longer in {}; acknowledging it", id, group.stream());
                UntracedPolling.call(() -> group.acknowledge(reads, id));
            } else if (!inFlight.start(new Delivery(id, entry.getBody(), count))) {
                return;
            }
        }
    }
}
