package dev.geodig.worker;

import dev.geodig.testkit.DnsServer;
import dev.geodig.testkit.ScratchDirectory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The DNS servers the worker's tests resolve against, for one test class: a real NSD serving
 * {@link TestZones}, and a {@link SilentDnsServer} for timeouts. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final DnsServers dns = new DnsServers();}</pre>
 */
final class DnsServers implements BeforeAllCallback, AfterAllCallback {

    private ScratchDirectory workDir;
    private DnsServer nsd;
    private SilentDnsServer silent;

    @Override
    public void beforeAll(ExtensionContext context) {
        workDir = ScratchDirectory.create("geodig-nsd-");
        nsd = DnsServer.start(workDir.path(), TestZones.all());
        silent = new SilentDnsServer();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (silent != null) {
                silent.close();
            }
            if (nsd != null) {
                nsd.close();
            }
        } finally {
            workDir.close();
        }
    }

    /** The NSD, as {@code 127.0.0.1:port}. */
    String address() {
        return nsd.address();
    }

    /** A server that never answers, as {@code 127.0.0.1:port}. */
    String silentAddress() {
        return silent.address();
    }
}
