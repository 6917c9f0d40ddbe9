package dev.geodig.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/** The readiness probe of the DNS servers the testkit starts: a server that replies at all is serving. */
final class BareDnsQuery {

    private BareDnsQuery() {
    }

    /** Sends a bare query for the root SOA to the loopback {@code port}; any reply within 200 ms (REFUSED will do). */
    static boolean answered(int port) {
        byte[] query = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1};
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            socket.send(new DatagramPacket(query, query.length, new InetSocketAddress(LoopbackPorts.LOOPBACK, port)));
            socket.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (IOException notYet) {
            return false; // a timeout, or ICMP port unreachable while nothing listens yet
        }
    }
}
