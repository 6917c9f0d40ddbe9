package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.RecordLookup.ClientSubnet;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ClientSubnetOption;

/**
 * The EDNS Client Subnet a worker sends and reads back: checked on the wire at a server that records what it got,
 * at a real NSD (which ignores ECS, like many servers), and with ECS off.
 */
class RecordResolverSubnetTest {

    @RegisterExtension
    static final DnsServers dns = new DnsServers();

    private static RecordResolver resolver(String server, Optional<LocationSubnet> subnet) {
        return new RecordResolver(List.of(WorkerProperties.parseHostPort(server)), Duration.ofSeconds(2), 0, subnet);
    }

    @Test
    void everyQueryCarriesTheLocationsSubnetAndTheAnswersScopeIsReadBack() throws Exception {
        try (RecordingDnsServer server = RecordingDnsServer.answeringWithScope(24)) {
            RecordResolver resolver = resolver(server.address(), Optional.of(LocationSubnet.parse("192.0.2.77/24", 24, 56)));

            RecordLookup a = resolver.lookup("www.geodig.test", "A");
            RecordLookup txt = resolver.lookup("www.geodig.test", "TXT");

            assertThat(server.received()).hasSize(2).allSatisfy(received -> {
                assertThat(received.optRecords()).as("one OPT record per query").isEqualTo(1);
                ClientSubnetOption sent = received.subnet().orElseThrow();
                assertThat(sent.getFamily()).isEqualTo(1);
                assertThat(sent.getSourcePrefixLength()).isEqualTo(24);
                assertThat(sent.getScopePrefixLength()).as("a query's scope is 0 (RFC 7871)").isZero();
                assertThat(sent.getAddress()).as("the host bits are never sent").isEqualTo(InetAddress.getByName("192.0.2.0"));
            });
            assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
            assertThat(a.ecs()).isEqualTo(new ClientSubnet("192.0.2.0/24", 24));
            assertThat(a.tailored()).isTrue();
            assertThat(txt.ecs()).isEqualTo(new ClientSubnet("192.0.2.0/24", 24));
        }
    }

    @Test
    void anIpv6SubnetIsSentWithItsPrefixAndShownInShortForm() throws Exception {
        try (RecordingDnsServer server = RecordingDnsServer.answeringWithScope(0)) {
            RecordResolver resolver = resolver(server.address(), Optional.of(LocationSubnet.parse("2001:db8:4:ff::1", 24, 56)));

            RecordLookup a = resolver.lookup("www.geodig.test", "A");

            ClientSubnetOption sent = server.received().getFirst().subnet().orElseThrow();
            assertThat(sent.getFamily()).isEqualTo(2);
            assertThat(sent.getSourcePrefixLength()).as("the default IPv6 source prefix").isEqualTo(56);
            assertThat(sent.getAddress()).isEqualTo(InetAddress.getByName("2001:db8:4::"));
            assertThat(a.ecs()).as("scope 0: the same answer for every client").isEqualTo(new ClientSubnet("2001:db8:4::/56", 0));
            assertThat(a.tailored()).isFalse();
        }
    }

    @Test
    void withEcsOffNoQueryCarriesASubnetAndTheOutcomeSaysNoneWasSent() {
        try (RecordingDnsServer server = RecordingDnsServer.answeringWithScope(24)) {
            RecordLookup a = resolver(server.address(), Optional.empty()).lookup("www.geodig.test", "A");

            assertThat(server.received()).singleElement().satisfies(received -> assertThat(received.subnet()).isEmpty());
            assertThat(a.ecs()).isNull();
            assertThat(a.tailored()).isFalse();
        }
    }

    @Test
    void aServerThatIgnoresEcsAnswersWithoutScopeAndTheOutcomeSaysSo() {
        // NSD has no client-subnet support: it answers as for anyone and returns no option.
        RecordLookup a = resolver(dns.address(), Optional.of(LocationSubnet.parse("192.0.2.0/24", 24, 56)))
                .lookup("www.geodig.test", "A");

        assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.answers()).isNotEmpty();
        assertThat(a.ecs()).isEqualTo(new ClientSubnet("192.0.2.0/24", null));
        assertThat(a.tailored()).isFalse();
    }

    @Test
    void aLookupWithoutAnyResponseStillSaysWhichSubnetItAskedWith() {
        RecordLookup a = resolver(dns.silentAddress(), Optional.of(LocationSubnet.parse("198.51.100.0/24", 24, 56)))
                .lookup("www.geodig.test", "A");

        assertThat(a.rcode()).isEqualTo(Rcode.TIMEOUT);
        assertThat(a.ecs()).isEqualTo(new ClientSubnet("198.51.100.0/24", null));
    }

    @Test
    void aSubnetIsReadAsTheTopologyWritesIt() {
        assertThat(LocationSubnet.parse("203.0.113.9/24", 24, 56).text()).isEqualTo("203.0.113.0/24");
        assertThat(LocationSubnet.parse("198.51.100.7", 20, 56).text()).as("a bare address gets the default prefix")
                .isEqualTo("198.51.96.0/20");
        assertThat(LocationSubnet.parse("2001:db8:0:1:ff::/64", 24, 56).text()).as("bits past the prefix are cut").isEqualTo("2001:db8:0:1::/64");
        assertThat(LocationSubnet.parse("2001:db8::/32", 24, 56).text()).isEqualTo("2001:db8::/32");
        assertThat(LocationSubnet.parse("::/0", 24, 56).text()).isEqualTo("::/0");
    }
}
