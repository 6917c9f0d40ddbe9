package dev.geodig.worker;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The zones the tests' NSD serves: the demo zone as a client in us-east-1 gets it (the answers the demo's geo map
 * gives that location, written out as a plain zone, since NSD knows nothing of client subnets), and one with an
 * answer too big for UDP.
 */
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
        return """
                $ORIGIN geodig.test.
                $TTL 300
                @            IN SOA   ns1.geodig.test. hostmaster.geodig.test. 2026112601 3600 600 86400 60
                @            IN NS    ns1.geodig.test.
                @            IN NS    ns2.geodig.test.
                ns1          IN A     127.0.0.1
                ns2          IN A     127.0.0.1
                @            IN A     192.0.2.1
                @            IN MX    10 mx-us.geodig.test.
                @            IN MX    20 mx-backup.geodig.test.
                @            IN TXT   "v=spf1 mx -all"
                @            IN TXT   "served-by=us-east-1"
                @            IN CAA   0 issue "letsencrypt.org"
                www     60   IN A     192.0.2.10
                www     60   IN A     192.0.2.11
                www     60   IN AAAA  2001:db8:1::10
                www          IN TXT   "edge=us-east-1"
                cdn          IN CNAME www-us-east-1.geodig.test.
                www-us-east-1     IN A     192.0.2.20
                mx-us          IN A     192.0.2.25
                mx-backup    IN A     192.0.2.26
                _dmarc       IN TXT   "v=DMARC1; p=reject"
                _sip._tcp    IN SRV   10 60 5060 sip-us-east-1.geodig.test.
                sip-us-east-1     IN A     192.0.2.30
                ; Hostile answers, for the page and its tests: TXT text is data, never markup or terminal control. A page
                ; that rendered answers as HTML would run these; geodig shows them as text, under a CSP that forbids it too.
                hostile      IN TXT   "<script>window.__geodigPwned=1;document.title='pwned'</script>"
                hostile      IN TXT   "<img src=x onerror=\\"window.__geodigPwned=2\\">" "\\027[31mred\\027[0m"
                """;
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
