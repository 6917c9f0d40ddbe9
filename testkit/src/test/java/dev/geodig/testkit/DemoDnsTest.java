package dev.geodig.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The real demo DNS chain, Unbound in front of Knot, from the repository's templates: a query's client subnet
 * chooses the answer and comes back with its scope, and the resolver's cache never hands one network's
 * answer to another.
 */
class DemoDnsTest {

    private static final GeoMap GEO = GeoMap.ofRepository(Path.of(".."));
    private static final String US_EAST = "192.0.2.0/24";
    private static final String ASIA_SOUTH = "203.0.113.0/24";

    @TempDir
    Path workDir;

    /** A chain of its own per test: what one test leaves in the resolver's cache must not decide another's answers. */
    private DemoDns dns;

    @BeforeEach
    void startChain() {
        dns = DemoDns.start(workDir);
    }

    @AfterEach
    void stopChain() {
        dns.close();
    }

    /** One answer, its values in presentation form, and the scope of its client subnet option (-1: none). */
    private record Answer(int rcode, List<String> values, int scope) {
    }

    @Test
    void aClientSubnetGetsItsGeoAnswersWithTheNetsScope() throws IOException {
        Answer answer = ask(dns.resolverPort(), "www.geodig.test.", Type.A, US_EAST);

        assertThat(answer.values()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11")
                .containsExactlyInAnyOrderElementsOf(GEO.answers("www", "A", US_EAST));
        assertThat(answer.scope()).isEqualTo(24);
        assertThat(ask(dns.resolverPort(), "www.geodig.test.", Type.TXT, "198.51.100.0/24").values())
                .containsExactly("\"edge=eu-west-1\"");
        assertThat(ask(dns.resolverPort(), "www.geodig.test.", Type.AAAA, "2001:db8:4::/56"))
                .isEqualTo(new Answer(Rcode.NOERROR, List.of("2001:db8:4:0:0:0:0:10"), 56));
    }

    @Test
    void aQueryWithoutClientSubnetOrFromAnUnlistedNetworkGetsTheZoneFilesDefaults() throws IOException {
        assertThat(ask(dns.resolverPort(), "www.geodig.test.", Type.A, null).values())
                .containsExactlyInAnyOrder("192.0.2.100", "192.0.2.101")
                .containsExactlyInAnyOrderElementsOf(GEO.defaults("www", "A"));
        Answer unlisted = ask(dns.resolverPort(), "www.geodig.test.", Type.A, "10.1.2.0/24");
        assertThat(unlisted.values()).containsExactlyInAnyOrderElementsOf(GEO.defaults("www", "A"));
        assertThat(unlisted.scope()).isZero();
    }

    @Test
    void theCacheKeepsEachNetworksAnswerToItself() throws IOException {
        // The second query is answered from Unbound's cache...
        ask(dns.resolverPort(), "www.geodig.test.", Type.A, US_EAST);
        assertThat(ask(dns.resolverPort(), "www.geodig.test.", Type.A, US_EAST).values())
                .containsExactlyInAnyOrderElementsOf(GEO.answers("www", "A", US_EAST));

        // ...which must not answer another network with it: without subnetcache, asia-south-1 would get us-east-1's.
        Answer asia = ask(dns.resolverPort(), "www.geodig.test.", Type.A, ASIA_SOUTH);
        assertThat(asia.values()).containsExactlyInAnyOrder("203.0.113.10", "203.0.113.11")
                .containsExactlyInAnyOrderElementsOf(GEO.answers("www", "A", ASIA_SOUTH));
        assertThat(asia.scope()).isEqualTo(24);
        assertThat(ask(dns.resolverPort(), "www.geodig.test.", Type.A, null).values())
                .containsExactlyInAnyOrderElementsOf(GEO.defaults("www", "A"));
    }

    /**
     * A client that sends no subnet (a location with ecs=off, someone's dig) gets the defaults; a listed network
     * asking next must still get its own answers. Were Unbound to add the querier's own subnet (send-client-subnet),
     * 127.0.0.0/24, which the geo map does not list, Knot would answer with scope 0, and subnetcache would keep that
     * answer as every network's until its TTL ran out.
     */
    @Test
    void aQueryWithoutClientSubnetDoesNotDecideAListedNetworksAnswer() throws IOException {
        assertThat(ask(dns.resolverPort(), "www.geodig.test.", Type.A, null).values())
                .containsExactlyInAnyOrderElementsOf(GEO.defaults("www", "A"));

        Answer usEast = ask(dns.resolverPort(), "www.geodig.test.", Type.A, US_EAST);
        assertThat(usEast.values()).containsExactlyInAnyOrderElementsOf(GEO.answers("www", "A", US_EAST));
        assertThat(usEast.scope()).isEqualTo(24);
    }

    @Test
    void theAuthoritativeServerAnswersByClientSubnetItselfAndTheResolverRefusesOtherZones() throws IOException {
        assertThat(dns.authoritativeAddress()).isEqualTo("127.0.0.1:" + dns.authoritativePort());
        assertThat(dns.resolverAddress()).isEqualTo("127.0.0.1:" + dns.resolverPort());
        assertThat(ask(dns.authoritativePort(), "geodig.test.", Type.TXT, ASIA_SOUTH))
                .isEqualTo(new Answer(Rcode.NOERROR, List.of("\"served-by=asia-south-1\""), 24));
        // Offline by design: nothing outside the demo zone is resolved.
        assertThat(ask(dns.resolverPort(), "example.com.", Type.A, null).rcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void aTemplatePlaceholderWithoutAValueIsRefused() throws IOException {
        assertThat(DemoDns.render("listen: ${LISTEN}@${PORT}", Map.of("LISTEN", "127.0.0.1", "PORT", "53")))
                .isEqualTo("listen: 127.0.0.1@53");
        assertThatThrownBy(() -> DemoDns.render("a ${LISTEN} b ${RUN_DIR}", Map.of("LISTEN", "x")))
                .hasMessageContaining("RUN_DIR").hasMessageNotContaining("LISTEN");
        assertThatThrownBy(() -> DemoDns.render("a ${lower}", Map.of())).hasMessageContaining("malformed");
        // The templates' comments name the placeholders themselves.
        assertThat(DemoDns.render("# fill in ${NAME}\n\nport: ${PORT}\n", Map.of("PORT", "53")))
                .isEqualTo("# fill in ${NAME}\n\nport: 53\n");

        Path templates = Files.createDirectories(workDir.resolve("broken-templates"));
        for (String file : List.of("knot.conf", "unbound.conf", "geo.yaml", "geodig.test.zone")) {
            Files.copy(Path.of("..").resolve(GeoMap.IN_REPOSITORY).resolve(file), templates.resolve(file));
        }
        Files.writeString(templates.resolve("knot.conf"), "  new-setting: ${NEW_SETTING}\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DemoDns.start(workDir.resolve("broken"), templates)).hasMessageContaining("NEW_SETTING");
    }

    private static Answer ask(int port, String name, int type, String clientSubnet) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        if (clientSubnet == null) {
            query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        } else {
            SubnetPrefix subnet = SubnetPrefix.parse(clientSubnet);
            query.addRecord(new OPTRecord(1232, 0, 0, 0,
                    List.of(new ClientSubnetOption(subnet.prefix(), subnet.address()))), Section.ADDITIONAL);
        }
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        resolver.setTimeout(Duration.ofSeconds(3));
        Message response = resolver.send(query);
        List<String> values = response.getSection(Section.ANSWER).stream()
                .filter(record -> record.getType() == type).map(Record::rdataToString).toList();
        int scope = response.getOPT() == null ? -1 : response.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).stream()
                .map(option -> ((ClientSubnetOption) option).getScopePrefixLength()).findFirst().orElse(-1);
        return new Answer(response.getRcode(), values, scope);
    }
}
