package dev.geodig.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The zones the tests' NSD serves: the demo zone as us-east-1 serves it, and one with an answer too big for UDP. */
final class TestZones {

    static final String DEMO = "geodig.test";
    static final String BIG = "big.test";
    /** Thirty TXT records of about a hundred bytes: well over dnsjava's 1232-byte EDNS buffer, so UDP truncates. */
    static final int BIG_TXT_COUNT = 30;

    private TestZones() {
    }

    static Map<String, String> all() {
        return Map.of(DEMO, usEast1(), BIG, big());
    }

    static String usEast1() {
        try {
            return Files.readString(Path.of("../deploy/dns/us-east-1.zone"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String big() {
        String txts = IntStream.range(0, BIG_TXT_COUNT)
                .mapToObj(i -> "many IN TXT \"%02d-%s\"".formatted(i, "x".repeat(100)))
                .collect(Collectors.joining("\n"));
        return """
                $ORIGIN big.test.
                $TTL 300
                @    IN SOA ns1.big.test. hostmaster.big.test. 1 3600 600 86400 60
                @    IN NS  ns1.big.test.
                ns1  IN A   127.0.0.1
                """ + txts + "\n";
    }
}
