package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A blocking call whose checked failures a test cannot handle: I/O errors unchecked, an interrupt kept and rethrown. */
@FunctionalInterface
interface BlockingCall<T> {

    T call() throws IOException, InterruptedException;

    static <T> T unchecked(BlockingCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
