package dev.geodig.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DNS server that never answers but counts every query it receives: proof of how much DNS work a worker
 * did, for tests where the answer to "did it ask at all?" must come from the wire, not from the worker.
 */
final class CountingDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicLong queries = new AtomicLong();
    private final Thread reader;

    CountingDnsServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = Thread.ofPlatform().daemon().name("counting-dns-" + socket.getLocalPort()).start(this::count);
    }

    private void count() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                queries.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    long queries() {
        return queries.get();
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
