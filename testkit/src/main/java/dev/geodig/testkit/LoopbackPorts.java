package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1, for servers a test starts. */
public final class LoopbackPorts {

    public static final String LOOPBACK = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that is free for both TCP and UDP right now (DNS needs both). */
    public static int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port))) {
                    return port;
                } catch (IOException busy) {
                    // UDP side taken: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port");
    }
}
