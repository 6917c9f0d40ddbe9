package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real authoritative DNS server (NSD, from Debian) on a free loopback port, serving the zones it is
 * given. Names outside those zones get REFUSED, as from any authoritative server.
 */
public final class DnsServer implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private DnsServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param zones zone name to zone-file text ({@code $ORIGIN} and SOA included)
     */
    public static DnsServer start(Path workDir, Map<String, String> zones) {
        int port = LoopbackPorts.free();
        try {
            Files.createDirectories(workDir);
            StringBuilder conf = new StringBuilder("""
                    server:
                      ip-address: %s@%d
                      username: ""
                      chroot: ""
                      database: ""
                      zonesdir: "%s"
                      zonelistfile: "%s/zone.list"
                      xfrdfile: "%s/xfrd.state"
                      pidfile: "%s/nsd.pid"
                      server-count: 1
                      verbosity: 1
                      hide-version: yes
                      # Debian's NSD limits answers per client /24 by default; every query here comes
                      # from 127.0.0.1, so under load it would drop answers (timeouts that are not ours).
                      rrl-ratelimit: 0
                      rrl-whitelist-ratelimit: 0
                      # With rate limiting off its table (1,000,000 buckets, ~31 MB of shared memory) is still
                      # allocated; one bucket is enough.
                      rrl-size: 1
                    remote-control:
                      control-enable: no
                    """.formatted(LoopbackPorts.LOOPBACK, port, workDir, workDir, workDir, workDir));
            for (Map.Entry<String, String> zone : zones.entrySet()) {
                String file = zone.getKey() + ".zone";
                Files.writeString(workDir.resolve(file), zone.getValue());
                conf.append("zone:\n  name: ").append(zone.getKey()).append("\n  zonefile: \"").append(file).append("\"\n");
            }
            Path confFile = workDir.resolve("nsd.conf");
            Files.writeString(confFile, conf);
            ChildProcess process = ChildProcess.start("nsd-" + port, List.of("nsd", "-d", "-c", confFile.toString()), workDir);
            DnsServer server = new DnsServer(process, port);
            process.awaitReady(Duration.ofSeconds(10), () -> BareDnsQuery.answered(port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, the form the worker's resolver setting takes. */
    public String address() {
        return LoopbackPorts.LOOPBACK + ":" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
