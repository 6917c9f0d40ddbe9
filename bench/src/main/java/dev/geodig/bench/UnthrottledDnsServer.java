package dev.geodig.bench;

import dev.geodig.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real NSD on a free 127.0.0.1 port serving one location's demo zone, like testkit's
 * {@code DnsServer} but with response rate limiting OFF ({@code rrl-ratelimit: 0}).
 *
 * <p>Why not testkit's: Debian's NSD is built with {@code --enable-ratelimit}, whose default is 200
 * answers per second per /24 of clients. Every query here comes from 127.0.0.1, so above ~100
 * lookups/s (A + AAAA per location) NSD starts dropping answers; each dropped one costs the worker
 * its 2 s DNS timeout. The benchmark would then measure NSD's rate limiter, not result gathering.
 */
final class UnthrottledDnsServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private UnthrottledDnsServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static UnthrottledDnsServer start(Path workDir, String zoneName, String zoneText) {
        int port = LoopbackPorts.free();
        try {
            Files.createDirectories(workDir);
            Files.writeString(workDir.resolve(zoneName + ".zone"), zoneText);
            Path conf = workDir.resolve("nsd.conf");
            Files.writeString(conf, """
                    server:
                      ip-address: %1$s@%2$d
                      username: ""
                      chroot: ""
                      database: ""
                      zonesdir: "%3$s"
                      zonelistfile: "%3$s/zone.list"
                      xfrdfile: "%3$s/xfrd.state"
                      pidfile: "%3$s/nsd.pid"
                      server-count: 1
                      verbosity: 1
                      hide-version: yes
                      rrl-ratelimit: 0
                      rrl-whitelist-ratelimit: 0
                    remote-control:
                      control-enable: no
                    zone:
                      name: %4$s
                      zonefile: "%4$s.zone"
                    """.formatted(LoopbackPorts.LOOPBACK, port, workDir.toAbsolutePath(), zoneName));
            Path log = workDir.resolve("nsd.log");
            Process process = new ProcessBuilder(List.of("nsd", "-d", "-c", conf.toString()))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            UnthrottledDnsServer server = new UnthrottledDnsServer(process, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            server.awaitAnswering();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nsd (installed? ./geodig bench installs it)", e);
        }
    }

    /** {@code 127.0.0.1:port}, the form the worker's resolver setting takes. */
    String address() {
        return LoopbackPorts.LOOPBACK + ":" + port;
    }

    /** Bounded: 200 tries of a 50 ms query, about 10 s. */
    private void awaitAnswering() throws IOException {
        // A bare query for the root SOA; any reply (REFUSED too) means NSD is serving.
        byte[] query = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1};
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("nsd exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(50);
                socket.send(new DatagramPacket(query, query.length, new InetSocketAddress(LoopbackPorts.LOOPBACK, port)));
                socket.receive(new DatagramPacket(new byte[512], 512));
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
        }
        close();
        throw new IllegalStateException("nsd on port " + port + " did not answer within ~10 s: " + Files.readString(log));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
