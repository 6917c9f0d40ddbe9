package dev.geodig.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A UDP socket on loopback that receives queries and never answers: a DNS server that has gone quiet.
 * Nothing reads the socket, so queries just sit in its buffer; no thread, nothing to time.
 */
final class SilentDnsServer implements AutoCloseable {

    private final DatagramSocket socket;

    SilentDnsServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
