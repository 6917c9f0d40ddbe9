package dev.geodig.orchestrator.results;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.MessageCodec.MalformedMessageException;
import dev.geodig.contract.Streams;
import dev.geodig.orchestrator.telemetry.LookupMetrics;
import dev.geodig.orchestrator.telemetry.LookupMetrics.IgnoredResult;
import io.lettuce.core.StreamMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a {@code dns:results} entry the same way for both collectors. */
final class ResultEntries {

    private static final Logger log = LoggerFactory.getLogger(ResultEntries.class);

    private ResultEntries() {
    }

    /**
     * The entry's result, or empty when it cannot be read: logged and counted as malformed, and
     * skipped, so that one bad entry never stops the reading of the others.
     */
    static Optional<DnsResult> decode(StreamMessage<String, String> entry, LookupMetrics metrics) {
        try {
            return Optional.of(MessageCodec.decodeResult(entry.getBody()));
        } catch (MalformedMessageException e) {
            log.warn("skipping malformed entry {} in {}: {}", entry.getId(), Streams.RESULTS, e.getMessage());
            metrics.resultIgnored(IgnoredResult.MALFORMED);
            return Optional.empty();
        }
    }
}
