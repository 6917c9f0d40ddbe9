package dev.geodig.bench.lookups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of processes, from {@code /proc}: CPU as utime + stime + cutime + cstime
 * of {@code /proc/<pid>/stat} (so a child that exits and is reaped still counts), memory as
 * {@code VmRSS} of {@code /proc/<pid>/status}; the JIT compilers' share of a JVM's CPU from its threads'
 * {@code /proc/<pid>/task/<tid>/stat}.
 */
public final class ProcessUsage {

    private static final Path PROC = Path.of("/proc");

    private ProcessUsage() {
    }

    /**
     * A process to measure. A program of the launcher counts as its whole process group: supervisord
     * makes each one a group leader, and NSD forks server processes under it. Anything else is the
     * process alone (the floor's Redis is a child of this JVM, in its process group).
     */
    public record MeasuredProcess(String name, int pid, boolean wholeGroup) {
    }

    /**
     * The fields of one {@code /proc/<pid>/stat} (or a thread's {@code /proc/<pid>/task/<tid>/stat}) that count here.
     *
     * @param command the process's or thread's name, as the kernel keeps it (15 characters at most)
     */
    record Stat(int pid, String command, int processGroup, long cpuTicks) {

        /** The command name (field 2) is in parentheses and may hold spaces and parentheses: fields are counted after the last ')'. */
        static Stat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String[] f = line.substring(close + 2).strip().split(" ");
            // f[0] is field 3 (state): pgrp is field 5, utime..cstime fields 14..17.
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new Stat(Integer.parseInt(line.substring(0, open).strip()), line.substring(open + 1, close),
                    Integer.parseInt(f[2]), ticks);
        }

        /** A HotSpot JIT compiler thread: "C1 CompilerThread0", "C2 CompilerThread0", ... cut to 15 characters. */
        boolean isJitCompiler() {
            return command.startsWith("C1 CompilerThre") || command.startsWith("C2 CompilerThre");
        }
    }

    /**
     * One reading of the processes' CPU, from one pass over {@code /proc}.
     *
     * @param ticksByProcess each process's CPU ticks, by name
     * @param jitCompilerTicks the CPU ticks of the JIT compiler threads of all of them (their JVMs; no other process
     *     has such threads): part of {@code ticksByProcess}, it tells how much of that is the JIT still compiling. A
     *     compiler thread that exits between two readings takes its ticks with it; HotSpot keeps the first thread of
     *     each compiler for the JVM's life, and a 2-core machine gets one of each, so here none does
     */
    public record CpuReading(Map<String, Long> ticksByProcess, long jitCompilerTicks) {
    }

    public static CpuReading cpu(List<MeasuredProcess> processes) {
        List<Stat> all = readAll();
        Map<String, Long> ticks = new LinkedHashMap<>();
        long jit = 0;
        for (MeasuredProcess process : processes) {
            List<Stat> members = members(process, all);
            ticks.put(process.name(), members.stream().mapToLong(Stat::cpuTicks).sum());
            for (Stat member : members) {
                jit += threads(member.pid()).stream().filter(Stat::isJitCompiler).mapToLong(Stat::cpuTicks).sum();
            }
        }
        return new CpuReading(ticks, jit);
    }

    /** Resident memory of each process by name, in KiB, the whole group's for a launcher program. */
    public static Map<String, Long> rssKib(List<MeasuredProcess> processes) {
        List<Stat> all = readAll();
        Map<String, Long> rss = new LinkedHashMap<>();
        for (MeasuredProcess process : processes) {
            long kib = 0;
            for (Stat member : members(process, all)) {
                kib += vmRssKib(read(PROC.resolve(member.pid() + "/status")));
            }
            rss.put(process.name(), kib);
        }
        return rss;
    }

    /** The group's (or the process's) entries; refuses a process that is gone, whose figures would be wrong. */
    static List<Stat> members(MeasuredProcess process, List<Stat> all) {
        Stat self = all.stream().filter(s -> s.pid() == process.pid()).findFirst().orElseThrow(() -> new IllegalStateException(
                process.name() + " (pid " + process.pid() + ") is gone: it died during the run (and its supervisor may have started it again)"));
        if (process.wholeGroup() && self.processGroup() != self.pid()) {
            throw new IllegalStateException(process.name() + " (pid " + process.pid() + ") leads no process group: its group's CPU would be another's");
        }
        return all.stream().filter(s -> process.wholeGroup() ? s.processGroup() == process.pid() : s.pid() == process.pid()).toList();
    }

    /** {@code VmRSS:   1234 kB} of a {@code /proc/<pid>/status}; 0 when absent (a process that is exiting). */
    static long vmRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
            }
        }
        return 0;
    }

    /** {@code after - before} per name, for the names in both. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            if (before.containsKey(name)) {
                delta.put(name, value - before.get(name));
            }
        });
        return delta;
    }

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}; 100 on Linux if that fails). */
    public static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static List<Stat> readAll() {
        return readStats(PROC);
    }

    /** The threads of a process; none when it has exited meanwhile. */
    private static List<Stat> threads(int pid) {
        Path tasks = PROC.resolve(pid + "/task");
        return Files.isDirectory(tasks) ? readStats(tasks) : List.of();
    }

    /** The {@code stat} of every numbered entry of {@code dir} ({@code /proc} or a {@code /proc/<pid>/task}). */
    private static List<Stat> readStats(Path dir) {
        List<Stat> all = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String line = read(entry.resolve("stat"));
                if (!line.isEmpty()) {
                    all.add(Stat.parse(line));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return all;
    }

    /** The file's text, or nothing when the process has exited meanwhile. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException exitedMeanwhile) {
            return "";
        }
    }
}
