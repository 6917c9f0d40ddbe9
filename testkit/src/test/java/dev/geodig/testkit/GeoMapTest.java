package dev.geodig.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expectations the tests take from the demo DNS's files: the geo map by client subnet, the zone's defaults. */
class GeoMapTest {

    private static final GeoMap REPOSITORY = GeoMap.ofRepository(Path.of(".."));

    @TempDir
    Path dir;

    @Test
    void aSubnetInAGeoNetGetsThatNetsRecordsTxtQuoted() {
        assertThat(REPOSITORY.answers("www", "A", "192.0.2.0/24")).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(REPOSITORY.answers("www.geodig.test.", "TXT", "198.51.100.0/24")).containsExactly("\"edge=eu-west-1\"");
        assertThat(REPOSITORY.answers("@", "MX", "203.0.113.0/24"))
                .containsExactly("10 mx-asia.geodig.test.", "20 mx-backup.geodig.test.");
        assertThat(REPOSITORY.answers("www", "AAAA", "2001:db8:4::/56")).containsExactly("2001:db8:4::10");
        // A longer prefix inside a net is in it, as Knot matches it.
        assertThat(REPOSITORY.answers("www", "A", "2001:db8:4:1::/64")).containsExactly("192.0.2.140", "192.0.2.141");
        assertThat(REPOSITORY.answers("cdn", "CNAME", "192.0.2.0/24")).containsExactly("www-us-east-1.geodig.test.");
    }

    @Test
    void anyOtherClientTypeOrNameGetsTheZoneFile() {
        assertThat(REPOSITORY.answers("www", "A", null)).containsExactly("192.0.2.100", "192.0.2.101")
                .isEqualTo(REPOSITORY.defaults("www", "A"));
        assertThat(REPOSITORY.answers("www", "A", "10.0.0.0/8")).isEqualTo(REPOSITORY.defaults("www", "A"));
        assertThat(REPOSITORY.answers("www", "A", "192.0.0.0/16")).as("wider than the net").isEqualTo(REPOSITORY.defaults("www", "A"));
        assertThat(REPOSITORY.answers("@", "NS", "192.0.2.0/24")).containsExactly("ns1.geodig.test.", "ns2.geodig.test.");
        assertThat(REPOSITORY.answers("@", "TXT", null)).containsExactly("\"v=spf1 mx -all\"", "\"served-by=default\"");
        assertThat(REPOSITORY.answers("www", "MX", "192.0.2.0/24")).isEmpty();
        assertThat(REPOSITORY.defaults("hostile", "TXT")).containsExactly(
                "\"<script>window.__geodigPwned=1;document.title='pwned'</script>\"",
                "\"<img src=x onerror=\\\"window.__geodigPwned=2\\\">\" \"\\027[31mred\\027[0m\"");
    }

    @Test
    void listsTellsWhetherANetIsWrittenAsItIs() {
        assertThat(REPOSITORY.lists("www", "203.0.113.0/24")).isTrue();
        assertThat(REPOSITORY.lists("www", "203.0.113.0/25")).isFalse();
        assertThat(REPOSITORY.lists("static", "203.0.113.0/24")).isFalse();
    }

    @Test
    void scalarsStayTextAndBareTxtWordsAreStringsOfTheirOwn() throws IOException {
        Files.writeString(dir.resolve("geo.yaml"), """
                www.geodig.test.:
                  - net: 2001:10::/32
                    AAAA: 2001:10::1
                    TXT: two words
                    A: [192.0.2.1, 192.0.2.2]
                """);
        Files.writeString(dir.resolve("geodig.test.zone"), "$ORIGIN geodig.test.\nwww  IN  TXT  \"a  b\"   ; comment\n");
        GeoMap map = GeoMap.read(dir);

        assertThat(map.answers("www", "AAAA", "2001:10::/48")).containsExactly("2001:10::1");
        assertThat(map.answers("www", "TXT", "2001:10::/32")).containsExactly("\"two\" \"words\"");
        assertThat(map.answers("www", "A", "2001:10::/32")).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(map.answers("www", "TXT", null)).containsExactly("\"a  b\"");
    }

    @Test
    void aGeoEntryWithoutNetIsRefused() throws IOException {
        Files.writeString(dir.resolve("geo.yaml"), "www.geodig.test.:\n  - A: 192.0.2.1\n");
        Files.writeString(dir.resolve("geodig.test.zone"), "$ORIGIN geodig.test.\n");

        assertThatThrownBy(() -> GeoMap.read(dir)).hasMessageContaining("without net");
    }
}
