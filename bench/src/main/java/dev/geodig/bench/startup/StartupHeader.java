package dev.geodig.bench.startup;

import dev.geodig.bench.lookups.RunHeader;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** The start-up report's opening: the command, what ran, on what, and how to read the tables. */
final class StartupHeader {

    private StartupHeader() {
    }

    /**
     * @param aotNotes what each variant's last {@code up} said about the AOT caches: the check that (a) ran with them
     *     and (b), by default, without
     */
    static String render(StartupSettings settings, String argLine, long tookNanos, List<String> locations, String aotNotes) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        return """
                # Start-up and warm-up: `./geodig bench startup`

                Command: `./geodig bench startup%s` (run %s, took %d s). Settings: %s.

                Variants, one at a time (never both up at once), from a stopped topology each time: **(a) as up starts \
                it**, this checkout's `./geodig up --no-build` with `GEODIG_AOT_CACHE=on` (the services from their caches), state in `%s`, \
                port offset %d; %s, state in `%s`, port offset %d. Both with the gateway's rate limit off, as in \
                `./geodig bench`. What each `up` said about the AOT caches: %s.

                Load: %s, closed loop, `POST /api/v1/dns/lookup` with \
                `{"domain":"www.geodig.test","locations":%s,"record_types":["A","AAAA","MX","TXT","NS"]}` (`bench/wrk/lookup.lua`); \
                at rest the same request from Java's HttpClient (HTTP/1.1, keep-alive), one at a time. A lookup counts as \
                a success only if HTTP 200 with every `status` in the body `success`.

                Services' JVM options: %s. Benchmark JVM: %s %s. Machine: %s.

                Time to ready: the wall time of `./geodig up --no-build` alone (it returns when every component is ready; \
                the `down` before it is not counted), with the jars in the page cache from earlier starts. CPU ms per lookup: \
                utime + stime (+ reaped children) of every process of the stack from `/proc`, whole process groups, over the \
                window, divided by its successful lookups. RSS: `VmRSS` summed over the same processes. Every figure is the \
                median over the starts. (a)/(b): for lookups/s above 1 is (a) faster; for seconds, ms and MiB below 1 is \
                (a) smaller.
                """.formatted(argLine.isBlank() ? "" : " " + argLine, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                tookNanos / 1_000_000_000L, settings.describe(), settings.stateDir(StartupVariant.A), StartupSettings.A_OFFSET,
                settings.describeB(), settings.stateDir(StartupVariant.B), StartupSettings.B_OFFSET, aotNotes, RunHeader.wrkVersion(),
                locations.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(",", "[", "]")),
                RunHeader.servicesJavaOptions(), runtime.getVmName(), runtime.getVmVersion(), RunHeader.machine());
    }
}
