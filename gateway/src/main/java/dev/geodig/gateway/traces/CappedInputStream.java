package dev.geodig.gateway.traces;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An answer read no further than a number of bytes: past it, {@link TooLargeException}. Not an IOException,
 * so that a parser reading through it does not take a cap for a broken connection.
 */
final class CappedInputStream extends FilterInputStream {

    /** The answer went past the cap; nothing after the cap was read. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes");
        }
    }

    private final long maxBytes;
    private long read;

    CappedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) {
        read += n;
        if (read > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
    }
}
