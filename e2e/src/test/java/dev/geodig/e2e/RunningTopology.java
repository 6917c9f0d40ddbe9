package dev.geodig.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts the topology once for the whole test run, however many test classes use it, and stops it
 * when the run ends (the root store closes it), failed or not.
 *
 * <p>Start-up costs 30-60 s on a two-core CI machine, so every class shares the same topology; the
 * classes run in a fixed order (see {@code junit-platform.properties}). On any failure the tails of the
 * services' logs are printed. ({@link FourLocationsTest} starts a topology of its own instead.)
 */
final class RunningTopology implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningTopology.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        topology(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GeodigTopology.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return topology(context);
    }

    private static GeodigTopology topology(ExtensionContext context) {
        // A failed start is remembered too: the next test class fails at once instead of starting again.
        StartAttempt attempt = context.getRoot().getStore(NAMESPACE).computeIfAbsent(StartAttempt.class, key -> {
            GeodigTopology topology = GeodigTopology.configured();
            try {
                topology.start();
                return new StartAttempt(topology, null);
            } catch (RuntimeException e) {
                return new StartAttempt(null, e);
            }
        }, StartAttempt.class);
        if (attempt.failure() != null) {
            throw new IllegalStateException("the topology did not start", attempt.failure());
        }
        return attempt.topology();
    }

    private record StartAttempt(GeodigTopology topology, RuntimeException failure) implements AutoCloseable {
        @Override
        public void close() {
            if (topology != null) {
                topology.close();
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLogTails(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLogTails(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLogTails(context, failure);
        throw failure;
    }

    private static void printLogTails(ExtensionContext context, Throwable failure) {
        StartAttempt attempt = context.getRoot().getStore(NAMESPACE).get(StartAttempt.class, StartAttempt.class);
        if (attempt == null || attempt.topology() == null) {
            return; // a failed start already printed its output and logs
        }
        GeodigTopology topology = attempt.topology();
        System.out.println("[e2e] " + context.getDisplayName() + " failed: " + failure
                + "\n[e2e] tails of the topology's logs in " + topology.logs().directory() + ":\n"
                + topology.logs().tails());
    }
}
