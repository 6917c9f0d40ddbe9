package dev.geodig.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link JaegerServer} for one test class: started before the class, stopped (and its directory
 * removed) after it. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final JaegerExtension jaeger = new JaegerExtension(2000);}</pre>
 *
 * The repository is the test's working directory's parent (Maven runs a module's tests in the module), or the
 * {@code geodig.repo.root} system property.
 */
public final class JaegerExtension implements BeforeAllCallback, AfterAllCallback {

    private final int maxTraces;
    private String startedBy;
    private ScratchDirectory workDir;
    private JaegerServer server;

    /** @param maxTraces what the store keeps ({@code GEODIG_JAEGER_MAX_TRACES}) */
    public JaegerExtension(int maxTraces) {
        this.maxTraces = maxTraces;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (startedBy != null) {
            return; // @Nested classes share the outer class's Jaeger
        }
        startedBy = context.getUniqueId();
        workDir = ScratchDirectory.create("geodig-jaeger-");
        Path repoRoot = Path.of(System.getProperty("geodig.repo.root", "..")).toAbsolutePath().normalize();
        server = JaegerServer.start(repoRoot, workDir.path(), maxTraces);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(startedBy)) {
            return;
        }
        startedBy = null;
        try {
            server.close();
        } finally {
            workDir.close();
        }
    }

    public String queryUrl() {
        return started().queryUrl();
    }

    /** Stores spans given as an OTLP/HTTP JSON request body. */
    public void send(String otlpJson) {
        started().send(otlpJson);
    }

    public int maxTraces() {
        return maxTraces;
    }

    private JaegerServer started() {
        if (server == null) {
            throw new IllegalStateException("Jaeger is not started: register the extension on a static field");
        }
        return server;
    }
}
