package dev.geodig.worker;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.MessageCodec.MalformedMessageException;
import dev.geodig.streams.RedisConnector;
import dev.geodig.contract.Streams;
import dev.geodig.telemetry.UntracedPolling;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code dns:tasks} through this location's group and hands each entry to a virtual thread,
 * at most {@code concurrency} at a time.
 *
 * <p>Order on start: make sure the group exists, finish this consumer's own pending entries (a
 * previous run of this consumer read them but did not acknowledge), then read new entries. Every
 * claim interval ({@code claimIdle / 4}) it also takes over entries that another consumer of the group
 * read and left unacknowledged for longer than {@code claimIdle} (that consumer is presumed dead: a live
 * one keeps its own entries from looking idle, {@link InFlightKeepAlive}). The blocking read waits no
 * longer than that interval, so claim rounds come when due even while no task arrives.
 *
 * <p>Those two are re-deliveries: an entry that keeps failing would come back after every
 * {@code claimIdle}, forever. So before processing a re-delivered entry the consumer reads its delivery
 * count from the group's pending list, and beyond {@code maxDeliveries} it moves the entry to the
 * dead-letter stream and acknowledges it instead. Entries read new ({@code >}) are on their first
 * delivery and cost no extra command.
 *
 * <p>A task read too late for its deadline (new, re-read or claimed alike) is acknowledged without DNS
 * work ({@link TaskProcessor#expire}), so a backlog drains in seconds.
 *
 * <p>When Redis goes away the loop keeps trying, quietly, every {@link #ERROR_BACKOFF}; Lettuce
 * reconnects by itself. When Redis comes back empty (no persistence) the group is gone and so may be
 * the stream: the first read says {@code NOGROUP}, and the group is created again, from the stream's
 * first entry rather than its end, so that a task published before this worker noticed is still
 * delivered (everything in a stream that new is recent; anything older is expired and costs an XACK).
 *
 * <p>The blocking reads use a connection of their own: a Lettuce connection runs one command at a
 * time, and a blocked XREADGROUP would hold up the XADD and XACK of the tasks in flight.
 */
final class TaskConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskConsumer.class);

    /** How long one XREADGROUP waits for new entries; also bounds how long stopping waits for the loop. */
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    /** Pause after a Redis error before trying again: no busy loop in an outage, and back soon after it. */
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(250);
    /** How long stopping waits for tasks in flight: longer than the slowest lookup plus publishing. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    /** XAUTOCLAIM pages per claim round: bounded, the next round continues anyway. */
    private static final int MAX_CLAIM_PAGES = 10;
    /** The delivery count of an entry read new with {@code >}: Redis counts that read as the first delivery. */
    private static final long FIRST_DELIVERY = 1;
    /** Stands for "no longer in the pending list": acknowledged since it was read, so there is nothing left to do. */
    private static final long NOT_PENDING = 0;

    private final RedisConnector redis;
    private final RedisStreamCommands<String, String> commands;
    private final TaskProcessor processor;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;
    private final String location;
    private final String group;
    private final Consumer<String> consumer;
    private final int concurrency;
    private final Duration claimIdle;
    private final Duration claimEvery;
    private final Duration readBlock;
    private final Duration readTimeout;
    private final int maxDeliveries;
    private final DeadlineBudget budget;
    private final InFlightKeepAlive keepAlive;

    private final Semaphore permits;
    // Entries being processed here. XAUTOCLAIM may hand back one of our own slow entries; it must not run twice.
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private volatile Thread loop;
    private StatefulRedisConnection<String, String> readConnection;

    /**
     * @param commandTimeout the Redis command timeout: the blocking read's connection waits that much longer
     *     than the read blocks
     */
    TaskConsumer(RedisConnector redis, RedisStreamCommands<String, String> commands, TaskProcessor processor,
            DeadLetters deadLetters, WorkerMetrics metrics, WorkerProperties properties, DeadlineBudget budget,
            Duration commandTimeout) {
        this.redis = redis;
        this.commands = commands;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.location = properties.location();
        this.group = Streams.workerGroup(location);
        this.consumer = Consumer.from(group, properties.consumerName());
        this.concurrency = properties.concurrency();
        this.permits = new Semaphore(concurrency);
        this.claimIdle = properties.claimIdle();
        this.claimEvery = budget.claimInterval();
        this.readBlock = claimEvery.compareTo(READ_BLOCK) < 0 ? claimEvery : READ_BLOCK;
        this.readTimeout = readBlock.plus(commandTimeout);
        this.maxDeliveries = properties.maxDeliveries();
        this.budget = budget;
        this.keepAlive = new InFlightKeepAlive(commands, consumer, inFlight, claimEvery);
    }

    @Override
    public void start() {
        readConnection = redis.connect();
        // A blocking read must not be cut short by the command timeout.
        readConnection.setTimeout(readTimeout);
        // Before start() returns, not in the loop: once the application is up, every task added from then on
        // must reach this group, and a group created later at "$" would never see the ones added in between.
        createGroup(readConnection.sync());
        running = true;
        keepAlive.start();
        loop = Thread.ofVirtual().name("task-consumer-" + location).start(this::consume);
        log.info("worker {} reading {} as {} in group {} (concurrency {}, claim-idle {} ms, claim round every {} ms)",
                location, Streams.TASKS, consumer.getName(), group, concurrency, claimIdle.toMillis(), claimEvery.toMillis());
    }

    /** Stops reading, lets the tasks in flight finish (bounded), then closes the reading connection. */
    @Override
    public void stop() {
        running = false;
        Thread current = loop;
        try {
            if (current != null && !current.join(READ_BLOCK.plus(Duration.ofSeconds(5)))) {
                current.interrupt();
            }
            if (!permits.tryAcquire(concurrency, SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("stopping with tasks still in flight {}; they stay pending and will be claimed", inFlight);
            } else {
                permits.release(concurrency);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Only now: the tasks finishing during the grace period are still kept from being claimed.
            keepAlive.close();
            if (readConnection != null) {
                readConnection.close();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void consume() {
        RedisStreamCommands<String, String> reads = readConnection.sync();
        boolean ready = false;
        long nextClaim = System.nanoTime();
        RedisException outage = null;
        while (running) {
            try {
                if (!ready) {
                    finishOwnPending(reads);
                    ready = true;
                }
                if (System.nanoTime() - nextClaim >= 0) {
                    claimAbandoned(reads);
                    nextClaim = System.nanoTime() + claimEvery.toNanos();
                }
                List<StreamMessage<String, String>> batch = untraced(() -> reads.xreadgroup(consumer,
                        XReadArgs.Builder.block(readBlock).count(concurrency), StreamOffset.lastConsumed(Streams.TASKS)));
                if (outage != null) {
                    log.info("reading {} again after: {}", Streams.TASKS, outage.getMessage());
                    outage = null;
                }
                dispatchAll(batch, Map.of());
            } catch (RedisException e) {
                if (!running) {
                    break;
                }
                if (String.valueOf(e.getMessage()).contains("NOGROUP") && recreateGroup(reads)) {
                    continue;
                }
                // One warning per outage, not one per attempt.
                if (outage == null) {
                    log.warn("reading {} failed, retrying every {} ms until Redis answers: {}", Streams.TASKS,
                            ERROR_BACKOFF.toMillis(), e.getMessage());
                } else {
                    log.debug("reading {} failed again: {}", Streams.TASKS, e.getMessage());
                }
                outage = e;
                if (!pause(ERROR_BACKOFF)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** On start the group begins at {@code $}: a new location does not replay the stream's history. */
    private void createGroup(RedisStreamCommands<String, String> reads) {
        createGroup(reads, StreamOffset.latest(Streams.TASKS));
    }

    /**
     * Redis no longer knows the group (NOGROUP): it restarted without persistence, or someone destroyed the
     * group. The group is created again from the stream's first entry, not at {@code $}: after a restart the
     * orchestrator may have published before this worker noticed, and {@code $} would skip those tasks for good.
     * Anything older in the stream is expired and is acknowledged without work.
     *
     * @return whether the group exists now
     */
    private boolean recreateGroup(RedisStreamCommands<String, String> reads) {
        try {
            createGroup(reads, StreamOffset.from(Streams.TASKS, "0"));
            log.warn("group {} was missing on {} (Redis restarted empty?); it reads the stream from its start again",
                    group, Streams.TASKS);
            return true;
        } catch (RedisException stillDown) {
            log.debug("cannot create group {} yet: {}", group, stillDown.getMessage());
            return false;
        }
    }

    private void createGroup(RedisStreamCommands<String, String> reads, StreamOffset<String> from) {
        try (Scope ignored = UntracedPolling.enter()) {
            reads.xgroupCreate(from, group, XGroupCreateArgs.Builder.mkstream());
            log.info("created group {} on {} at {}", group, Streams.TASKS, from.getOffset());
        } catch (RedisException e) {
            // BUSYGROUP: another instance (or an earlier run) created it; that is the normal case.
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Entries this consumer read before but never acknowledged: reading from id 0 returns them, page by page. */
    private void finishOwnPending(RedisStreamCommands<String, String> reads) throws InterruptedException {
        String after = "0";
        while (running) {
            String from = after;
            List<StreamMessage<String, String>> page = untraced(() -> reads.xreadgroup(consumer,
                    XReadArgs.Builder.count(concurrency), StreamOffset.from(Streams.TASKS, from)));
            if (page.isEmpty()) {
                return;
            }
            log.info("finishing {} pending task(s) of {}", page.size(), consumer.getName());
            dispatchAll(page, deliveryCounts(reads, page));
            after = page.getLast().getId();
        }
    }

    private void claimAbandoned(RedisStreamCommands<String, String> reads) throws InterruptedException {
        String cursor = "0-0";
        for (int page = 0; page < MAX_CLAIM_PAGES && running; page++) {
            String from = cursor;
            ClaimedMessages<String, String> claimed = untraced(() -> reads.xautoclaim(Streams.TASKS,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, claimIdle, from).count(concurrency)));
            if (!claimed.getMessages().isEmpty()) {
                log.info("claimed {} task(s) idle for more than {}", claimed.getMessages().size(), claimIdle);
            }
            dispatchAll(claimed.getMessages(), deliveryCounts(reads, claimed.getMessages()));
            cursor = claimed.getId();
            if ("0-0".equals(cursor)) {
                return;
            }
        }
    }

    /**
     * How often each entry of a re-delivered page has been delivered, this delivery included (XAUTOCLAIM and
     * XREADGROUP from an id both count one). One XPENDING over the page's id range, filtered to this consumer,
     * which owns every entry of the page by now; other entries of ours in that range (tasks in flight, tasks
     * that failed lately) can take places in the answer, hence the headroom, and what still is not in it is
     * asked for one by one. An entry missing from the pending list altogether was acknowledged meanwhile.
     */
    private Map<String, Long> deliveryCounts(RedisStreamCommands<String, String> reads,
            List<StreamMessage<String, String>> page) {
        if (page.isEmpty()) {
            return Map.of();
        }
        // Both commands return entries in id order, so the first and last ids bound the page.
        Range<String> ids = Range.create(page.getFirst().getId(), page.getLast().getId());
        Limit limit = Limit.from(page.size() + concurrency);
        List<PendingMessage> pending = untraced(() -> reads.xpending(Streams.TASKS, consumer, ids, limit));
        Map<String, Long> counts = new HashMap<>();
        for (PendingMessage entry : pending) {
            counts.put(entry.getId(), entry.getRedeliveryCount()); // Lettuce's name; it is XPENDING's delivery count
        }
        Map<String, Long> pageCounts = new HashMap<>();
        for (StreamMessage<String, String> entry : page) {
            String id = entry.getId();
            Long count = counts.get(id);
            if (count == null) {
                count = untraced(() -> reads.xpending(Streams.TASKS, group, Range.create(id, id), Limit.from(1))).stream()
                        .findFirst().map(PendingMessage::getRedeliveryCount).orElse(NOT_PENDING);
            }
            pageCounts.put(id, count);
        }
        return pageCounts;
    }

    /** @param deliveries delivery count by entry id; an entry not in it is on its first delivery */
    private void dispatchAll(List<StreamMessage<String, String>> entries, Map<String, Long> deliveries)
            throws InterruptedException {
        for (StreamMessage<String, String> entry : entries) {
            if (!dispatch(entry, deliveries.getOrDefault(entry.getId(), FIRST_DELIVERY))) {
                return;
            }
        }
    }

    /**
     * Waits for a free slot, then processes the entry on a virtual thread. Waiting here is the back
     * pressure: the loop reads no more than it can process. When stopping, an entry that got no slot
     * stays pending and is finished by the next start or claimed by another instance.
     */
    private boolean dispatch(StreamMessage<String, String> entry, long delivery) throws InterruptedException {
        String id = entry.getId();
        // In flight: XAUTOCLAIM handed back one of our own slow entries, whose count it also raised; not a failure.
        if (inFlight.contains(id)) {
            return true;
        }
        if (delivery == NOT_PENDING) {
            log.debug("task {} was acknowledged since it was read; nothing to do", id);
            return true;
        }
        while (!permits.tryAcquire(250, TimeUnit.MILLISECONDS)) {
            if (!running) {
                return false;
            }
        }
        if (!inFlight.add(id)) {
            permits.release();
            return true;
        }
        Thread.ofVirtual().name("task-" + id).start(() -> {
            try {
                handle(entry, delivery);
            } finally {
                inFlight.remove(id);
                permits.release();
            }
        });
        return true;
    }

    private void handle(StreamMessage<String, String> entry, long delivery) {
        String id = entry.getId();
        Map<String, String> fields = entry.getBody();
        try {
            if (fields == null || fields.isEmpty()) {
                // A pending entry the stream has trimmed away since: nothing left to do or to keep.
                log.warn("task {} is no longer in {}; acknowledging it", id, Streams.TASKS);
                untraced(() -> acknowledge(id));
                return;
            }
            if (delivery > maxDeliveries) {
                // Every earlier delivery ended without an acknowledgement (the processing threw, or the worker died):
                // doing it once more would most likely fail again, and again after every claim-idle. Park it for people.
                String reason = "failed after " + (delivery - 1) + " deliveries";
                String deadLetterId = untraced(() -> deadLetters.add(id, fields, reason));
                untraced(() -> acknowledge(id));
                metrics.taskDone(WorkerMetrics.DEAD_LETTER);
                log.warn("task {} {} (max-deliveries {}), moved to {} as {}",
                        id, reason, maxDeliveries, Streams.DEAD_LETTERS, deadLetterId);
                return;
            }
            DnsTask task;
            try {
                task = MessageCodec.decodeTask(fields);
            } catch (MalformedMessageException e) {
                // Retrying cannot fix a message; park it for people and keep the stream moving.
                String deadLetterId = untraced(() -> deadLetters.add(id, fields, e.getMessage()));
                untraced(() -> acknowledge(id));
                metrics.taskDone(WorkerMetrics.DEAD_LETTER);
                log.warn("task {} cannot be read, moved to {} as {}: {}", id, Streams.DEAD_LETTERS, deadLetterId, e.getMessage());
                return;
            }
            if (!task.isFor(location)) {
                // Every location's group receives every task; this one was not asked of us. No span: no work.
                untraced(() -> acknowledge(id));
                metrics.taskDone(WorkerMetrics.SKIPPED);
                log.debug("task {} is for {}, not {}; acknowledged without work", id, task.locations(), location);
                return;
            }
            budget.checkCarried(task);
            if (processor.tooLate(task, Instant.now())) {
                // The orchestrator has stopped waiting: no DNS work, no result, just the acknowledgement.
                processor.expire(id, task, () -> acknowledge(id));
                return;
            }
            processor.process(id, task, () -> acknowledge(id));
        } catch (RuntimeException e) {
            // Not acknowledged: the entry stays pending and is done again after claim-idle (at least once), until
            // it has been delivered max-deliveries times; the delivery after that moves it to the dead letters.
            log.error("task {} failed and stays pending: {}", id, e.getMessage(), e);
        }
    }

    private Long acknowledge(String id) {
        return commands.xack(Streams.TASKS, group, id);
    }

    /** Redis commands that are not part of any request's work: their client spans must not start traces. */
    private static <T> T untraced(Supplier<T> command) {
        try (Scope ignored = UntracedPolling.enter()) {
            return command.get();
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
