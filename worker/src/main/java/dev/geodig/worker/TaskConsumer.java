package dev.geodig.worker;

import dev.geodig.contract.DnsTask;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.MessageCodec.MalformedMessageException;
import dev.geodig.contract.Streams;
import dev.geodig.streams.ConsumerGroup;
import dev.geodig.streams.Delivery;
import dev.geodig.streams.GroupReader;
import dev.geodig.streams.RedisConnector;
import dev.geodig.telemetry.UntracedPolling;
import io.lettuce.core.api.sync.RedisStreamCommands;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Decides what becomes of each task this location's group delivers ({@link GroupReader} reads them, claims
 * abandoned ones and counts deliveries): a task for other locations is skipped, one that cannot be read or that
 * was delivered more than {@code max-deliveries} times goes to the dead letters, one read too late for its
 * deadline is expired without DNS work ({@link TaskProcessor#expire}), and the rest are processed.
 */
final class TaskConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskConsumer.class);

    private final GroupReader reader;
    private final TaskProcessor processor;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;
    private final DeadlineBudget budget;
    private final String location;
    private final int maxDeliveries;

    /**
     * @param commands the connection shared by the tasks in flight (XADD, XACK); the reader opens its own to block on
     * @param commandTimeout the Redis command timeout: the blocking read's connection waits that much longer than
     *     the read blocks
     */
    TaskConsumer(RedisConnector redis, RedisStreamCommands<String, String> commands, TaskProcessor processor,
            DeadLetters deadLetters, WorkerMetrics metrics, WorkerProperties properties, DeadlineBudget budget,
            Duration commandTimeout) {
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.budget = budget;
        this.location = properties.location();
        this.maxDeliveries = properties.maxDeliveries();
        ConsumerGroup group = new ConsumerGroup(Streams.TASKS, Streams.workerGroup(location), properties.consumerName());
        GroupReader.Settings settings = new GroupReader.Settings(properties.concurrency(), properties.claimIdle(),
                budget.claimInterval(), commandTimeout);
        this.reader = new GroupReader(redis, commands, group, settings, this::handle);
    }

    @Override
    public void start() {
        reader.start();
    }

    /** Stops reading, lets the tasks in flight finish (bounded), then closes the reading connection. */
    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    private void handle(Delivery delivery) {
        if (delivery.count() > maxDeliveries) {
            // Every earlier delivery ended without an acknowledgement (the processing threw, or the worker died):
            // doing it once more would most likely fail again, and again after every claim-idle. Park it for people.
            deadLetter(delivery, "failed after " + (delivery.count() - 1) + " deliveries");
            return;
        }
        DnsTask task;
        try {
            task = MessageCodec.decodeTask(delivery.fields());
        } catch (MalformedMessageException e) {
            // Retrying cannot fix a message; park it for people and keep the stream moving.
            deadLetter(delivery, e.getMessage());
            return;
        }
        if (!task.isFor(location)) {
            // Every location's group receives every task; this one was not asked of us. No span: no work.
            UntracedPolling.run(() -> reader.acknowledge(delivery.id()));
            metrics.taskDone(WorkerMetrics.SKIPPED);
            log.debug("task {} is for {}, not {}; acknowledged without work", delivery.id(), task.locations(), location);
            return;
        }
        budget.checkCarried(task);
        Runnable acknowledge = () -> reader.acknowledge(delivery.id());
        if (processor.tooLate(task, Instant.now())) {
            // The orchestrator has stopped waiting: no DNS work, no result, just the acknowledgement.
            processor.expire(delivery.id(), task, acknowledge);
        } else {
            processor.process(delivery.id(), task, acknowledge, delivery.count() == 1);
        }
    }

    /** Copies the task to the dead letters with why, then acknowledges it; no span covers it, so untraced. */
    private void deadLetter(Delivery delivery, String reason) {
        String deadLetterId = UntracedPolling.call(() -> {
            String id = deadLetters.add(delivery.id(), delivery.fields(), reason);
            reader.acknowledge(delivery.id());
            return id;
        });
        metrics.taskDone(WorkerMetrics.DEAD_LETTER);
        log.warn("task {} moved to {} as {}: {}", delivery.id(), Streams.DEAD_LETTERS, deadLetterId, reason);
    }
}
