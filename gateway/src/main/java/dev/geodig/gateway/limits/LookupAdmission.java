package dev.geodig.gateway.limits;

import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.problem.ProblemException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Admits at most {@code geodig.gateway.max-lookups-in-flight} lookups at once; one more is turned
 * away at once with a 503 and {@code Retry-After}, instead of waiting in line.
 *
 * <p>Waiting would not help anyone: every lookup in flight holds a virtual thread, a connection to the
 * orchestrator and a share of the workers' DNS capacity, so past the limit each new lookup would only
 * slow all the others down together, until they all ran into the orchestrator's deadline. Turned away,
 * the extra client knows at once and retries, and the admitted lookups keep their latency.
 *
 * <p>Only lookups count: the page's files, the options and the trace reads are cheap and never wait on
 * the orchestrator.
 */
@Component
public class LookupAdmission {

    /** A slot frees as soon as any lookup in flight ends, typically within tens of milliseconds. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final Logger log = LoggerFactory.getLogger(LookupAdmission.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int limit;
    private final Semaphore slots;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    LookupAdmission(GatewayProperties properties) {
        this.limit = properties.maxLookupsInFlight();
        this.slots = new Semaphore(limit);
    }

    /** A slot for one lookup, to be closed when it ends; {@link GatewayBusyException} when none is free. */
    public Slot admit() {
        if (!slots.tryAcquire()) {
            warnNowAndThen();
            throw new GatewayBusyException(limit);
        }
        return new Slot();
    }

    /** Lookups in flight right now. */
    public int inFlight() {
        return limit - slots.availablePermits();
    }

    /** Overload is routine and comes in bursts: one warning a minute says it is happening, not one per lookup. */
    private void warnNowAndThen() {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            log.warn("{} lookups in flight, the limit (geodig.gateway.max-lookups-in-flight): turning lookups away with 503",
                    limit);
        }
    }

    /** One admitted lookup's slot; closing it more than once frees it once. */
    public final class Slot implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }

    /** 503: the gateway has as many lookups in flight as it admits. */
    static final class GatewayBusyException extends ProblemException {

        GatewayBusyException(int limit) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "The gateway is running " + limit + " lookups, as many as it admits at once;"
                    + " try again in " + RETRY_AFTER_SECONDS + " s.", List.of(), retryAfter(), null);
        }

        private static HttpHeaders retryAfter() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            return headers;
        }

        @Override
        public boolean routine() {
            return true;
        }
    }
}
