package dev.geodig.streams;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries a {@link GroupReader} is handling, each on a virtual thread of its own, at most
 * {@code concurrency} at a time. Waiting for a free slot is the back pressure: the reader reads no more
 * than it can handle.
 */
final class InFlightEntries {

    private static final Logger log = LoggerFactory.getLogger(InFlightEntries.class);

    /** How often a wait for a free slot looks whether the reader is stopping. */
    private static final Duration STOP_CHECK = Duration.ofMillis(250);

    private final int concurrency;
    private final Semaphore permits;
    // XAUTOCLAIM may hand back one of our own slow entries (and count it a delivery): it must not run twice.
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final GroupReader.Handler handler;
    private final BooleanSupplier stopping;

    InFlightEntries(int concurrency, GroupReader.Handler handler, BooleanSupplier stopping) {
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency);
        this.handler = handler;
        this.stopping = stopping;
    }

    /**
     * Hands {@code delivery} to the handler on a virtual thread once a slot is free; an entry already in
     * flight is left to its thread.
     *
     * @return false when the reader began stopping before a slot came free: the entry stays pending, for
     *     the next start of this consumer or another one's claim
     */
    boolean start(Delivery delivery) throws InterruptedException {
        String id = delivery.id();
        if (ids.contains(id)) {
            return true;
        }
        while (!permits.tryAcquire(STOP_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            if (stopping.getAsBoolean()) {
                return false;
            }
        }
        if (!ids.add(id)) {
            permits.release();
            return true;
        }
        Thread.ofVirtual().name("entry-" + id).start(() -> handle(delivery));
        return true;
    }

    /** The ids in flight now. */
    String[] ids() {
        return ids.toArray(String[]::new);
    }

    /** Waits up to {@code grace} for every entry in flight to be done; false, with a warning, if some are not. */
    boolean awaitDone(Duration grace) throws InterruptedException {
        if (!permits.tryAcquire(concurrency, grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("stopping with entries still in flight {}; they stay pending and will be claimed", ids);
            return false;
        }
        permits.release(concurrency);
        return true;
    }

    private void handle(Delivery delivery) {
        try {
            handler.handle(delivery);
        } catch (RuntimeException e) {
            // Not acknowledged: it stays pending, is delivered again (re-read on start, or claimed), and its
            // delivery count tells the handler when to give up on it.
            log.error("entry {} failed and stays pending: {}", delivery.id(), e.getMessage(), e);
        } finally {
            ids.remove(delivery.id());
            permits.release();
        }
    }
}
