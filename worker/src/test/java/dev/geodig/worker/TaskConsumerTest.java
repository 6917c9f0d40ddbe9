package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Rcode;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.contract.Streams;
import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.Limit;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real worker application (consumer loop, Lettuce, dnsjava) against a real Redis and a real NSD.
 * Waits are bounded polls; nothing asserts on elapsed time.
 */
class TaskConsumerTest {

    private static final String LOCATION = "us-east-1";
    private static final String GROUP = Streams.workerGroup(LOCATION);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    static final DnsServers dns = new DnsServers();

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    private static Map<String, String> settings(String consumerName, String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "geodig.redis.url", redis.url(),
                "geodig.worker.location", LOCATION,
                "geodig.worker.resolvers", dns.address(),
                "geodig.worker.consumer-name", consumerName));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    /** A task without a deadline, as the design writes it: nothing here is about time unless it says so. */
    private static DnsTask task(String domain, List<String> types, String... locations) {
        return task(null, domain, types, locations);
    }

    private static DnsTask task(Instant deadline, String domain, List<String> types, String... locations) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant published = deadline == null ? Instant.now() : deadline.minusSeconds(5);
        return new DnsTask(id, id, domain, types, List.of(locations), published, deadline, Map.of());
    }

    private static String add(DnsTask task) {
        return redis.commands().xadd(Streams.TASKS, MessageCodec.encode(task));
    }

    /** The group as the worker creates it; lets a test queue tasks before any worker runs. */
    private static void createGroup() {
        redis.commands().xgroupCreate(StreamOffset.latest(Streams.TASKS), GROUP, XGroupCreateArgs.Builder.mkstream());
    }

    private static List<DnsResult> results() {
        return redis.commands().xrange(Streams.RESULTS, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody).map(MessageCodec::decodeResult).toList();
    }

    private static List<DnsResult> resultsOf(DnsTask task) {
        return results().stream().filter(r -> r.taskId().equals(task.taskId())).toList();
    }

    private static long pending() {
        return redis.commands().xpending(Streams.TASKS, GROUP).getCount();
    }

    /** XPENDING's delivery count of one pending entry (Lettuce calls it the redelivery count). */
    private static long deliveries(String entryId) {
        return redis.commands().xpending(Streams.TASKS, GROUP, Range.create(entryId, entryId), Limit.from(1))
                .getFirst().getRedeliveryCount();
    }

    /** Sets the delivery count of a pending entry, as earlier failed deliveries would have; it stays with {@code owner}. */
    private static void deliveredBefore(String entryId, String owner, long times) {
        redis.commands().xclaim(Streams.TASKS, Consumer.from(GROUP, owner),
                XClaimArgs.Builder.minIdleTime(0).retryCount(times).justid(), entryId);
        assertThat(deliveries(entryId)).isEqualTo(times);
    }

    private static Map<String, Map<String, String>> deadLettersBySource() {
        return redis.commands().xrange(Streams.DEAD_LETTERS, Range.create("-", "+")).stream()
                .collect(Collectors.toMap(m -> m.getBody().get("source_id"), StreamMessage::getBody));
    }

    @Test
    void taskIsResolvedPublishedAndThenAcknowledged() {
        try (RunningWorker worker = RunningWorker.start(settings("w1"))) {
            DnsTask task = task("www.geodig.test", List.of("A", "AAAA", "MX"), "us-east-1", "eu-west-1");
            String entryId = add(task);

            await("a result for the task").atMost(WAIT).until(() -> !resultsOf(task).isEmpty());
            await("the task acknowledged").atMost(WAIT).until(() -> pending() == 0);

            DnsResult result = resultsOf(task).getFirst();
            assertThat(result.location()).isEqualTo(LOCATION);
            assertThat(result.traceId()).isEqualTo(task.traceId());
            assertThat(result.status()).isEqualTo(LocationStatus.SUCCESS);
            assertThat(result.records().keySet()).containsExactly("A", "AAAA", "MX");
            assertThat(result.records().get("A").answers()).extracting(a -> a.value()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
            assertThat(result.records().get("MX").rcode()).isEqualTo(Rcode.NODATA);
            await("the processing span ended").atMost(WAIT).until(() -> !worker.spans("process_dns_task").isEmpty());
            assertThat(worker.spans("process_dns_task")).singleElement().satisfies(span ->
                    assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo(entryId));
        }
    }

    @Test
    void taskForOtherLocationsIsAcknowledgedWithoutWork() {
        try (RunningWorker worker = RunningWorker.start(settings("w1"))) {
            DnsTask elsewhere = task("www.geodig.test", List.of("A"), "eu-west-1", "asia-south-1");
            DnsTask ours = task("www.geodig.test", List.of("A"), "us-east-1");
            add(elsewhere);
            add(ours);

            await("a result for our task").atMost(WAIT).until(() -> !resultsOf(ours).isEmpty());
            // A result is published before its task is acknowledged, so with nothing pending, no result is still to come.
            await("both tasks acknowledged").atMost(WAIT).until(() -> pending() == 0);

            assertThat(resultsOf(elsewhere)).isEmpty();
            await("the processing span ended").atMost(WAIT).until(() -> !worker.spans("process_dns_task").isEmpty());
            assertThat(worker.spans("process_dns_task")).extracting(s -> s.getAttributes().get(SpanAttributes.TASK_ID))
                    .containsExactly(ours.taskId());
        }
    }

    @Test
    void unreadableTaskGoesToTheDeadLetterStreamAndTheWorkerKeepsGoing() {
        try (RunningWorker worker = RunningWorker.start(settings("w1"))) {
            String notJson = redis.commands().xadd(Streams.TASKS, Map.of(Streams.PAYLOAD_FIELD, "{not json"));
            String noPayload = redis.commands().xadd(Streams.TASKS, Map.of("something", "else"));
            DnsTask good = task("www.geodig.test", List.of("A"), "us-east-1");
            add(good);

            await("the good task's result").atMost(WAIT).until(() -> !resultsOf(good).isEmpty());
            await("every task acknowledged").atMost(WAIT).until(() -> pending() == 0);
            await("two dead letters").atMost(WAIT).until(() -> redis.commands().xlen(Streams.DEAD_LETTERS) == 2);

            Map<String, Map<String, String>> deadBySource = redis.commands().xrange(Streams.DEAD_LETTERS, Range.create("-", "+")).stream()
                    .collect(Collectors.toMap(m -> m.getBody().get("source_id"), StreamMessage::getBody));
            assertThat(deadBySource.keySet()).containsExactlyInAnyOrder(notJson, noPayload);
            assertThat(deadBySource.get(notJson))
                    .containsEntry(Streams.PAYLOAD_FIELD, "{not json")
                    .containsEntry("consumer_group", GROUP)
                    .hasEntrySatisfying("reason", reason -> assertThat(reason).contains("DnsTask"));
            assertThat(deadBySource.get(noPayload))
                    .containsEntry("something", "else")
                    .containsEntry("consumer_group", GROUP)
                    .hasEntrySatisfying("reason", reason -> assertThat(reason).contains("payload"));
            assertThat(results()).hasSize(1);
        }
    }

    @Test
    void onStartTheWorkerFinishesItsOwnPendingTasks() {
        createGroup();
        DnsTask task = task("www.geodig.test", List.of("A"), "us-east-1");
        add(task);
        // A previous run of consumer "w-restart" read the task and died before acknowledging it.
        assertThat(redis.commands().xreadgroup(Consumer.from(GROUP, "w-restart"), StreamOffset.lastConsumed(Streams.TASKS))).hasSize(1);

        // claim-idle far away (and a deadline that allows it): only the start-up pass over its own pending entries
        // can pick the task up.
        try (RunningWorker worker = RunningWorker.start(settings("w-restart", "geodig.worker.claim-idle", "1h",
                "geodig.orchestrator.result-deadline", "2h"))) {
            await("the pending task's result").atMost(WAIT).until(() -> !resultsOf(task).isEmpty());
            await("the task acknowledged").atMost(WAIT).until(() -> pending() == 0);
            assertThat(resultsOf(task)).hasSize(1);
        }
    }

    @Test
    void tasksLeftPendingByADeadConsumerAreClaimedAfterClaimIdle() {
        createGroup();
        DnsTask first = task("www.geodig.test", List.of("A"), "us-east-1");
        DnsTask second = task("geodig.test", List.of("MX"), "us-east-1");
        add(first);
        add(second);
        // Consumer "dead" read both and was killed: they stay in its pending list, never to be read with ">" again.
        assertThat(redis.commands().xreadgroup(Consumer.from(GROUP, "dead"), StreamOffset.lastConsumed(Streams.TASKS))).hasSize(2);

        try (RunningWorker worker = RunningWorker.start(settings("w-alive", "geodig.worker.claim-idle", "500ms"))) {
            await("results of the dead consumer's tasks").atMost(WAIT).until(() -> !resultsOf(first).isEmpty() && !resultsOf(second).isEmpty());
            await("the tasks acknowledged").atMost(WAIT).until(() -> pending() == 0);
            assertThat(results()).hasSize(2);
            await("both processing spans ended").atMost(WAIT).until(() -> worker.spans("process_dns_task").size() == 2);
        }
    }

    @Test
    void claimedTaskDeliveredMoreThanMaxDeliveriesGoesToTheDeadLetterStreamInsteadOfBeingDoneAgain() {
        createGroup();
        DnsTask poisoned = task("www.geodig.test", List.of("A"), "us-east-1");
        DnsTask retried = task("geodig.test", List.of("MX"), "us-east-1");
        String poisonedId = add(poisoned);
        String retriedId = add(retried);
        // Consumer "dead" read both and died. The first had failed three times already; claiming it again would
        // be its fourth delivery, over the cap of 2. The second was delivered once: its claim is delivery 2, allowed.
        assertThat(redis.commands().xreadgroup(Consumer.from(GROUP, "dead"), StreamOffset.lastConsumed(Streams.TASKS))).hasSize(2);
        deliveredBefore(poisonedId, "dead", 3);
        assertThat(deliveries(retriedId)).isEqualTo(1);

        try (RunningWorker worker = RunningWorker.start(settings("w-alive",
                "geodig.worker.claim-idle", "500ms", "geodig.worker.max-deliveries", "2"))) {
            await("the over-delivered task dead-lettered").atMost(WAIT).until(() -> redis.commands().xlen(Streams.DEAD_LETTERS) == 1);
            await("the task under the cap done").atMost(WAIT).until(() -> !resultsOf(retried).isEmpty());
            // A result comes before its acknowledgement, and a dead letter before its: nothing more is to come.
            await("both acknowledged").atMost(WAIT).until(() -> pending() == 0);

            assertThat(deadLettersBySource()).containsOnlyKeys(poisonedId);
            assertThat(deadLettersBySource().get(poisonedId))
                    .containsEntry(Streams.PAYLOAD_FIELD, MessageCodec.encode(poisoned).get(Streams.PAYLOAD_FIELD))
                    .containsEntry("consumer_group", GROUP)
                    .containsEntry("reason", "failed after 3 deliveries");
            assertThat(resultsOf(poisoned)).isEmpty();
            assertThat(resultsOf(retried)).hasSize(1);
            // The span ends just after the acknowledgement.
            await("the processing span of the task under the cap").atMost(WAIT).until(() -> !worker.spans("process_dns_task").isEmpty());
            assertThat(worker.spans("process_dns_task")).extracting(s -> s.getAttributes().get(SpanAttributes.TASK_ID))
                    .containsExactly(retried.taskId());

            // The worker goes on with new work.
            DnsTask next = task("www.geodig.test", List.of("A"), "us-east-1");
            add(next);
            await("the next task's result").atMost(WAIT).until(() -> !resultsOf(next).isEmpty());
            await("the next task acknowledged").atMost(WAIT).until(() -> pending() == 0);
            assertThat(resultsOf(next)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(LocationStatus.SUCCESS));
            assertThat(redis.commands().xlen(Streams.DEAD_LETTERS)).isEqualTo(1);
        }
    }

    @Test
    void ownPendingTaskDeliveredMoreThanMaxDeliveriesGoesToTheDeadLetterStreamOnStart() {
        createGroup();
        DnsTask poisoned = task("www.geodig.test", List.of("A"), "us-east-1");
        String poisonedId = add(poisoned);
        // Every earlier run of "w-restart" died on this task (say, the process crashed while doing it).
        assertThat(redis.commands().xreadgroup(Consumer.from(GROUP, "w-restart"), StreamOffset.lastConsumed(Streams.TASKS))).hasSize(1);
        deliveredBefore(poisonedId, "w-restart", 2);

        // claim-idle far away: only the start-up pass over its own pending entries sees the task (its third delivery).
        try (RunningWorker worker = RunningWorker.start(settings("w-restart",
                "geodig.worker.claim-idle", "1h", "geodig.orchestrator.result-deadline", "2h", "geodig.worker.max-deliveries", "2"))) {
            await("the task dead-lettered").atMost(WAIT).until(() -> redis.commands().xlen(Streams.DEAD_LETTERS) == 1);
            await("the task acknowledged").atMost(WAIT).until(() -> pending() == 0);

            assertThat(deadLettersBySource()).containsOnlyKeys(poisonedId);
            assertThat(deadLettersBySource().get(poisonedId)).containsEntry("reason", "failed after 2 deliveries");
            assertThat(resultsOf(poisoned)).isEmpty();
            assertThat(worker.spans("process_dns_task")).isEmpty();
        }
    }

    @Test
    void twoInstancesOfALocationShareItsTasksEachDoneOnce() {
        int tasks = 40;
        try (RunningWorker one = RunningWorker.start(settings("w-one"));
                RunningWorker two = RunningWorker.start(settings("w-two"))) {
            List<DnsTask> sent = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                DnsTask task = task("www.geodig.test", List.of("A", "TXT"), "us-east-1");
                add(task);
                sent.add(task);
            }

            await("a result for every task").atMost(WAIT).until(() -> results().size() >= tasks);
            await("every task acknowledged").atMost(WAIT).until(() -> pending() == 0);

            Map<String, Long> resultsPerTask = results().stream().collect(Collectors.groupingBy(DnsResult::taskId, Collectors.counting()));
            assertThat(resultsPerTask.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(DnsTask::taskId).toList());
            assertThat(resultsPerTask.values()).containsOnly(1L);
            // Each instance did a share. Both block on XREADGROUP and Redis hands each new entry to the client
            // that has waited longest, so with 40 entries arriving one by one neither can take them all.
            int byOne = one.spans("process_dns_task").size();
            int byTwo = two.spans("process_dns_task").size();
            assertThat(byOne + byTwo).isEqualTo(tasks);
            assertThat(byOne).isPositive();
            assertThat(byTwo).isPositive();
        }
    }

    @Test
    void severalTasksAreInFlightAtOnceButNoMoreThanConcurrency() {
        int concurrency = 4;
        createGroup();
        List<DnsTask> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            DnsTask task = task("www.geodig.test", List.of("A"), "us-east-1");
            add(task);
            sent.add(task);
        }
        // The silent server first: every lookup waits out its timeout there, then the NSD answers. That keeps
        // each task in flight long enough that tasks read together are visibly processed together.
        Map<String, String> settings = settings("w1",
                "geodig.worker.concurrency", String.valueOf(concurrency),
                "geodig.worker.resolvers", dns.silentAddress() + "," + dns.address(),
                "geodig.worker.dns-timeout", "300ms",
                "geodig.worker.dns-retries", "0");

        try (RunningWorker worker = RunningWorker.start(settings)) {
            await("all eight results").atMost(WAIT).until(() -> results().size() == sent.size());
            await("all acknowledged").atMost(WAIT).until(() -> pending() == 0);
            // A span ends just after its task's acknowledgement: wait for the last ones to end too.
            await("all eight processing spans ended").atMost(WAIT).until(() -> worker.spans("process_dns_task").size() == sent.size());

            assertThat(results()).extracting(DnsResult::status).containsOnly(LocationStatus.SUCCESS);
            List<SpanData> processing = worker.spans("process_dns_task");
            assertThat(processing).hasSize(sent.size());
            int mostAtOnce = mostOverlapping(processing);
            assertThat(mostAtOnce).isGreaterThan(1).isLessThanOrEqualTo(concurrency);
        }
    }

    @Test
    void resultsStreamStaysWithinItsBound() {
        int bound = 50;
        int tasks = 500;
        try (RunningWorker worker = RunningWorker.start(settings("w1", "geodig.worker.results-max-len", String.valueOf(bound)))) {
            for (int i = 0; i < tasks; i++) {
                add(task("www.geodig.test", List.of("A"), "us-east-1"));
            }

            await("every result published").atMost(Duration.ofSeconds(60)).until(() -> worker.spans("publish_dns_result").size() == tasks);
            await("every task acknowledged").atMost(WAIT).until(() -> pending() == 0);

            // MAXLEN ~ trims whole internal nodes only (at most stream-node-max-entries = 100 entries each), so the
            // stream keeps at least the bound and less than bound + one node: far below the 500 published.
            assertThat(redis.commands().xlen(Streams.RESULTS)).isBetween((long) bound, (long) bound + 100 - 1);
        }
    }

    @Test
    void shutdownLetsTheTaskInFlightFinish() {
        // The silent server first keeps the task in flight for its timeout, long enough to stop the worker meanwhile.
        RunningWorker worker = RunningWorker.start(settings("w1",
                "geodig.worker.resolvers", dns.silentAddress() + "," + dns.address(),
                "geodig.worker.dns-timeout", "500ms",
                "geodig.worker.dns-retries", "0"));
        DnsTask task = task("www.geodig.test", List.of("A"), "us-east-1");
        add(task);
        await("the task read by the worker").atMost(WAIT).until(() -> pending() == 1);

        worker.close();

        // close() returned only after the task in flight was published and acknowledged.
        assertThat(resultsOf(task)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(LocationStatus.SUCCESS));
        assertThat(pending()).isZero();
    }

    @Test
    void aBacklogOfExpiredTasksIsAcknowledgedFastWithoutAnyDnsQuery() {
        int expired = 2000;
        createGroup();
        Instant past = Instant.now().minusSeconds(60);
        for (int i = 0; i < expired; i++) {
            add(task(past, "www.geodig.test", List.of("A", "AAAA", "MX"), "us-east-1"));
        }
        // The one task still in time comes last, behind the whole backlog.
        DnsTask fresh = task(Instant.now().plusSeconds(60), "www.geodig.test", List.of("A"), "us-east-1");
        add(fresh);

        // Every query reaches this server and none is answered: what it counts is all the DNS work the worker did.
        try (RecordingDnsServer counting = RecordingDnsServer.silent();
                RunningWorker worker = RunningWorker.start(settings("w1",
                        "geodig.worker.resolvers", counting.address(),
                        "geodig.worker.dns-timeout", "200ms",
                        "geodig.worker.dns-retries", "0"))) {
            long started = System.nanoTime();
            await("the backlog acknowledged").atMost(WAIT).until(() -> worker.counter(WorkerMetrics.TASKS_EXPIRED) == expired);
            Duration drained = Duration.ofNanos(System.nanoTime() - started);
            await("the fresh task's result").atMost(WAIT).until(() -> !resultsOf(fresh).isEmpty());
            await("nothing pending").atMost(WAIT).until(() -> pending() == 0);
            System.out.printf("%d expired tasks acknowledged in %d ms (%.0f per second)%n",
                    expired, drained.toMillis(), expired * 1000.0 / Math.max(1, drained.toMillis()));

            // One query: the fresh task's A (no retries). The backlog asked nothing and published nothing.
            assertThat(counting.received().size()).isEqualTo(1);
            assertThat(results()).extracting(DnsResult::taskId).containsExactly(fresh.taskId());
            assertThat(worker.histogramCount(WorkerMetrics.LOOKUP_DURATION)).isEqualTo(1);
            await("every processing span ended").atMost(WAIT).until(() -> worker.spans("process_dns_task").size() == expired + 1);
            assertThat(worker.spans("process_dns_task"))
                    .filteredOn(s -> Boolean.TRUE.equals(s.getAttributes().get(SpanAttributes.TASK_EXPIRED))).hasSize(expired);
            assertThat(worker.spans("lookup_all_records")).hasSize(1);
            // Drained at the pace of XACK, not of DNS: with the backlog resolved, each task would wait out 200 ms.
            assertThat(drained).isLessThan(Duration.ofMillis(200).multipliedBy(expired / 16));
        }
    }

    @Test
    void expiredTasksLeftByADeadWorkerAreClaimedAndAcknowledgedWithoutWork() {
        createGroup();
        DnsTask late = task(Instant.now().minusSeconds(1), "www.geodig.test", List.of("A"), "us-east-1");
        DnsTask inTime = task(Instant.now().plusSeconds(30), "geodig.test", List.of("MX"), "us-east-1");
        add(late);
        add(inTime);
        assertThat(redis.commands().xreadgroup(Consumer.from(GROUP, "dead"), StreamOffset.lastConsumed(Streams.TASKS))).hasSize(2);

        try (RunningWorker worker = RunningWorker.start(settings("w-alive", "geodig.worker.claim-idle", "500ms"))) {
            await("the task still in time done").atMost(WAIT).until(() -> !resultsOf(inTime).isEmpty());
            await("both acknowledged").atMost(WAIT).until(() -> pending() == 0);

            assertThat(resultsOf(late)).isEmpty();
            assertThat(worker.counter(WorkerMetrics.TASKS_EXPIRED)).isEqualTo(1);
            assertThat(redis.commands().xlen(Streams.DEAD_LETTERS)).isZero();
        }
    }

    @Test
    void aSlowTaskOfALiveWorkerIsNotClaimedByAnotherInstance() {
        createGroup();
        // The slow one asks a silent server first: its task stays in flight for 3 × 1 s, ten times claim-idle, most of
        // it after the other instance has started.
        Map<String, String> slowSettings = settings("w-slow",
                "geodig.worker.claim-idle", "300ms",
                "geodig.worker.resolvers", dns.silentAddress() + "," + dns.address(),
                "geodig.worker.dns-timeout", "1s",
                "geodig.worker.dns-retries", "2");
        try (RunningWorker slow = RunningWorker.start(slowSettings)) {
            DnsTask task = task(Instant.now().plusSeconds(30), "www.geodig.test", List.of("A"), "us-east-1");
            String entryId = add(task);
            await("the slow worker holding the task").atMost(WAIT).until(() -> pending() == 1);

            try (RunningWorker other = RunningWorker.start(settings("w-other", "geodig.worker.claim-idle", "300ms"))) {
                await("the task done").atMost(WAIT).until(() -> !resultsOf(task).isEmpty());
                await("the task acknowledged").atMost(WAIT).until(() -> pending() == 0);

                await("the processing span ended").atMost(WAIT).until(() -> !slow.spans("process_dns_task").isEmpty());
                // The other instance never took it, although it sat far longer than claim-idle: one delivery, one result.
                assertThat(other.spans("process_dns_task")).isEmpty();
                assertThat(slow.spans("process_dns_task")).singleElement().satisfies(span ->
                        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID)).isEqualTo(entryId));
                assertThat(resultsOf(task)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(LocationStatus.SUCCESS));
                assertThat(slow.spans("process_dns_task").getFirst().getAttributes().get(SpanAttributes.PROCESSING_TIME_MS))
                        .isGreaterThan(3000L);
            }
        }
    }

    @Test
    void workerWhoseClaimsCouldNeverBeAnsweredInTimeDoesNotStart() {
        Map<String, String> claimTooLate = settings("w1", "geodig.worker.claim-idle", "30s");
        Map<String, String> retriesTooLong = settings("w1", "geodig.worker.dns-timeout", "3s", "geodig.worker.dns-retries", "1");

        assertThatThrownBy(() -> RunningWorker.start(claimTooLate).close())
                .rootCause().hasMessageContaining("geodig.worker.claim-idle (30s) does not fit geodig.orchestrator.result-deadline (5s)");
        assertThatThrownBy(() -> RunningWorker.start(retriesTooLong).close())
                .rootCause().hasMessageContaining("geodig.worker.dns-timeout × (1 + dns-retries) = 6s");
        // The same claim-idle with an orchestrator deadline long enough for it starts.
        RunningWorker.start(settings("w1", "geodig.worker.claim-idle", "30s", "geodig.orchestrator.result-deadline", "60s")).close();
    }

    @Test
    void workerWithoutLocationOrResolversDoesNotStart() {
        Map<String, String> noLocation = settings("w1");
        noLocation.put("geodig.worker.location", "");
        Map<String, String> noResolvers = settings("w1");
        noResolvers.put("geodig.worker.resolvers", "");
        Map<String, String> badResolver = settings("w1");
        badResolver.put("geodig.worker.resolvers", "127.0.0.1");

        assertThatThrownBy(() -> RunningWorker.start(noLocation).close())
                .rootCause().hasMessageContaining("geodig.worker.location is required");
        assertThatThrownBy(() -> RunningWorker.start(noResolvers).close())
                .rootCause().hasMessageContaining("geodig.worker.resolvers is required");
        assertThatThrownBy(() -> RunningWorker.start(badResolver).close())
                .rootCause().hasMessageContaining("'127.0.0.1' is not host:port");
    }

    /** The largest number of spans open at one instant, by a sweep over their starts and ends. */
    private static int mostOverlapping(List<SpanData> spans) {
        record Edge(long at, int delta) {
        }
        List<Edge> edges = new ArrayList<>();
        for (SpanData span : spans) {
            edges.add(new Edge(span.getStartEpochNanos(), 1));
            edges.add(new Edge(span.getEndEpochNanos(), -1));
        }
        // At equal times count ends first, so touching spans do not count as overlapping.
        edges.sort((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Integer.compare(a.delta(), b.delta()));
        int open = 0;
        int most = 0;
        for (Edge edge : edges) {
            open += edge.delta();
            most = Math.max(most, open);
        }
        return most;
    }

}
