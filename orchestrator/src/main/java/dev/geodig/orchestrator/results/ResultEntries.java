package dev.geodig.orchestrator.results;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.MessageCodec.MalformedMessageException;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.orchestrator.telemetry.LookupMetrics.IgnoredResult;
import io.lettuce.core.StreamMessage;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a {@code dns:results} entry and hands its result out, the same way for both collectors. */
final class ResultEntries {

    private static final Logger log = LoggerFactory.getLogger(ResultEntries.class);

    private ResultEntries() {
    }

    /**
     * Hands the entry's result to the lookup {@code waitingFor} finds for its trace id ({@code null}: none
     * here). What is not taken is counted by its reason, and logged at debug unless it is simply another
     * lookup's: every reader sees every result.
     */
    static void handOut(StreamMessage<String, String> entry, Function<String, PendingLookup> waitingFor, LookupMetrics metrics) {
        Optional<DnsResult> decoded = decode(entry, metrics);
        if (decoded.isEmpty()) {
            return;
        }
        DnsResult result = decoded.get();
        PendingLookup lookup = waitingFor.apply(result.traceId());
        Optional<IgnoredResult> ignored = lookup == null ? Optional.of(IgnoredResult.NOT_WAITING) : lookup.offer(result);
        ignored.ifPresent(reason -> {
            if (reason != IgnoredResult.NOT_WAITING) {
                log.debug("ignoring result {} of trace {} from {}: {}", entry.getId(), result.traceId(), result.location(), reason);
            }
            metrics.resultIgnored(reason);
        });
    }

    /**
     * The entry's result, or empty when it cannot be read: logged and counted as malformed, and
     * skipped, so that one bad entry never stops the reading of the others.
     */
    private static Optional<DnsResult> decode(StreamMessage<String, String> entry, LookupMetrics metrics) {
        try {
            return Optional.of(MessageCodec.decodeResult(entry.getBody()));
        } catch (MalformedMessageException e) {
            log.warn("skipping malformed entry {} in {}: {}", entry.getId(), Streams.RESULTS, e.getMessage());
            metrics.resultIgnored(IgnoredResult.MALFORMED);
            return Optional.empty();
        }
    }
}
