package dev.geodig.streams;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that runs one step of reading a stream over and over until it is stopped, and rides out
 * Redis outages: after a failed step it pauses, from {@code firstPause} doubling up to {@code longestPause},
 * then tries again. One warning per outage, not one per attempt, and one line when it works again. Lettuce
 * reconnects by itself meanwhile ({@link FailFastRedis}); a failure is never allowed to end the loop.
 */
public final class RetryingLoop {

    /** One step of the loop: a read and the handing out of what it read. */
    @FunctionalInterface
    public interface Step {
        void run() throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(RetryingLoop.class);

    private final String what;
    private final Duration firstPause;
    private final Duration longestPause;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile Thread thread;

    /** @param what what the loop does, for its log lines: "reading dns:results" */
    public RetryingLoop(String what, Duration firstPause, Duration longestPause) {
        this.what = what;
        this.firstPause = firstPause;
        this.longestPause = longestPause.compareTo(firstPause) < 0 ? firstPause : longestPause;
    }

    /** Runs {@code step} on a virtual thread named {@code threadName} until {@link #requestStop()}. */
    public void start(String threadName, Step step) {
        thread = Thread.ofVirtual().name(threadName).start(() -> run(step));
    }

    /** Whether a stop was requested: a step that waits should give up then. */
    public boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    /** Whether the loop's thread is running (started, not ended yet). */
    public boolean alive() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    /** Asks the loop to end after its current step; a pause between steps ends at once. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /**
     * Waits up to {@code wait} for the loop to end after {@link #requestStop()}, then interrupts it.
     *
     * @return whether it ended within {@code wait}, without being interrupted
     */
    public boolean awaitStop(Duration wait) throws InterruptedException {
        Thread current = thread;
        if (current == null || current.join(wait)) {
            return true;
        }
        log.warn("{} did not stop within {}; interrupting it", what, wait);
        current.interrupt();
        return false;
    }

    private void run(Step step) {
        Duration pause = firstPause;
        RuntimeException outage = null;
        try {
            while (!stopping()) {
                try {
                    step.run();
                    if (outage != null) {
                        log.info("{} works again after: {}", what, outage.toString());
                        outage = null;
                        pause = firstPause;
                    }
                } catch (RuntimeException e) {
                    if (stopping()) {
                        return;
                    }
                    logFailure(e, outage == null, pause);
                    outage = e;
                    stopRequested.await(pause.toMillis(), TimeUnit.MILLISECONDS);
                    pause = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logFailure(RuntimeException e, boolean first, Duration pause) {
        if (first) {
            log.warn("{} failed; trying again every {} ms at most: {}", what, longestPause.toMillis(),
                    e.toString());
        } else {
            log.debug("{} failed again; trying again in {} ms: {}", what, pause.toMillis(), e.toString());
        }
    }
}
