package dev.geodig.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** A server started as a child process, its output in a log file, stopped with the test. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path workDir) {
        return start(name, command, workDir, Map.of());
    }

    /** With {@code environment} added to the test's own. */
    static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> environment) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            ChildProcess child = new ChildProcess(name, process, log);
            // A test JVM that dies must not leave servers behind.
            Runtime.getRuntime().addShutdownHook(new Thread(child::close));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + " installed? ./geodig test installs it)", e);
        }
    }

    /** Waits until {@code ready} holds; a process that exits or is not ready in time fails with its log's tail. */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        try {
            await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(25)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + logTail());
                }
                return ready.getAsBoolean();
            });
        } catch (ConditionTimeoutException notReady) {
            close();
            throw new IllegalStateException(name + " not ready within " + timeout + ": " + logTail(), notReady);
        }
    }

    String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process with SIGKILL, as a crash or an OOM kill would: no shutdown, no goodbye to clients. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still alive 5 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) with kill(1): Java has no call of its own for these. */
    void signal(String signal) {
        boolean sent = BlockingCall.unchecked(() -> {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        });
        if (!sent) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
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
