package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.RecordLookup.Answer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DNS outcomes against a real NSD on loopback (and a silent socket for timeouts). */
class RecordResolverTest {

    @RegisterExtension
    static final DnsServers dns = new DnsServers();

    private static RecordResolver resolver;

    @BeforeAll
    static void createResolver() {
        resolver = resolverFor(List.of(dns.address()), Duration.ofSeconds(2), 1);
    }

    private static RecordResolver resolverFor(List<String> servers, Duration timeout, int retries) {
        List<InetSocketAddress> addresses = servers.stream().map(WorkerProperties::parseHostPort).toList();
        return new RecordResolver(addresses, timeout, retries);
    }

    @Test
    void noerrorGivesAnswersInPresentationFormWithTtl() {
        RecordLookup a = resolver.lookup("www.geodig.test", "A");

        assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.answers()).containsExactlyInAnyOrder(new Answer("192.0.2.10", 60), new Answer("192.0.2.11", 60));
        assertThat(a.error()).isNull();
        assertThat(a.durationMs()).isNotNegative();
    }

    @Test
    void mxTxtAndNsAreInZoneFileForm() {
        assertThat(resolver.lookup("geodig.test", "MX").answers()).extracting(Answer::value)
                .containsExactlyInAnyOrder("10 mx-us.geodig.test.", "20 mx-backup.geodig.test.");
        assertThat(resolver.lookup("geodig.test", "txt").answers()).extracting(Answer::value)
                .containsExactlyInAnyOrder("\"v=spf1 mx -all\"", "\"served-by=us-east-1\"");
        assertThat(resolver.lookup("geodig.test.", "NS").answers())
                .containsExactlyInAnyOrder(new Answer("ns1.geodig.test.", 300), new Answer("ns2.geodig.test.", 300));
    }

    @Test
    void hostileTxtTextComesBackAsDataInPresentationForm() {
        // Markup passes through untouched (the page must render it as text); a control character
        // arrives escaped as \DDD, so no terminal escape sequence ever reaches a client raw.
        assertThat(resolver.lookup("hostile.geodig.test", "TXT").answers()).extracting(Answer::value)
                .containsExactlyInAnyOrder(
                        "\"<script>window.__geodigPwned=1;document.title='pwned'</script>\"",
                        "\"<img src=x onerror=\\\"window.__geodigPwned=2\\\">\" \"\\027[31mred\\027[0m\"")
                .allSatisfy(value -> assertThat(value).doesNotContain("\u001b"));
    }

    @Test
    void nameWithoutRecordsOfTheTypeIsNodata() {
        RecordLookup aaaa = resolver.lookup("geodig.test", "AAAA");

        assertThat(aaaa.rcode()).isEqualTo(Rcode.NODATA);
        assertThat(aaaa.answers()).isEmpty();
        assertThat(aaaa.answered()).isTrue();
    }

    @Test
    void missingNameIsNxdomain() {
        RecordLookup lookup = resolver.lookup("nope.geodig.test", "A");

        assertThat(lookup.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(lookup.answers()).isEmpty();
        assertThat(lookup.answered()).isTrue();
    }

    @Test
    void zoneTheServerDoesNotServeIsRefused() {
        RecordLookup lookup = resolver.lookup("example.org", "A");

        assertThat(lookup.rcode()).isEqualTo(Rcode.REFUSED);
        assertThat(lookup.answered()).isTrue();
    }

    @Test
    void aliasAnswersWithTheCnameChainAndTheTarget() {
        RecordLookup a = resolver.lookup("cdn.geodig.test", "A");

        assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.answers()).extracting(Answer::value)
                .containsExactly("CNAME www-us-east-1.geodig.test.", "192.0.2.20");
    }

    @Test
    void aliasWhoseTargetLacksTheTypeIsStillNoerrorWithTheChain() {
        RecordLookup aaaa = resolver.lookup("cdn.geodig.test", "AAAA");

        assertThat(aaaa.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(aaaa.answers()).extracting(Answer::value).containsExactly("CNAME www-us-east-1.geodig.test.");
    }

    @Test
    void truncatedUdpAnswerIsFetchedOverTcp() {
        RecordLookup txt = resolver.lookup("many.big.test", "TXT");

        // Over UDP the server can only set TC with no answers; all of them means the TCP retry happened.
        assertThat(txt.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(txt.answers()).hasSize(TestZones.BIG_TXT_COUNT);
    }

    @Test
    void serverThatNeverAnswersIsTimeout() {
        RecordResolver quiet = resolverFor(List.of(dns.silentAddress()), Duration.ofMillis(200), 1);

        RecordLookup lookup = quiet.lookup("www.geodig.test", "A");

        assertThat(lookup.rcode()).isEqualTo(Rcode.TIMEOUT);
        assertThat(lookup.answered()).isFalse();
        assertThat(lookup.error()).contains(dns.silentAddress()).contains("2 attempt(s)");
        assertThat(lookup.answers()).isEmpty();
    }

    @Test
    void attemptsNeverRunPastTheGivenDeadline() {
        // Two servers, two attempts each, 1 s per attempt: 4 s when every one is silent.
        RecordResolver quiet = resolverFor(List.of(dns.silentAddress(), dns.silentAddress()), Duration.ofSeconds(1), 1);

        RecordLookup lookup = quiet.lookup("www.geodig.test", "A", java.time.Instant.now().plusMillis(300));

        assertThat(lookup.rcode()).isEqualTo(Rcode.TIMEOUT);
        assertThat(lookup.error()).contains("before the task's deadline");
        // Cut at the deadline, well before even one configured attempt would have ended.
        assertThat(lookup.durationMs()).isLessThan(1000);
    }

    @Test
    void aDeadlineFarAwayChangesNothing() {
        RecordLookup lookup = resolver.lookup("www.geodig.test", "A", java.time.Instant.now().plusSeconds(60));

        assertThat(lookup.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(lookup.answers()).hasSize(2);
    }

    @Test
    void serversAreAskedInOrderUntilOneAnswers() {
        RecordResolver fallback = resolverFor(List.of(dns.silentAddress(), dns.address()), Duration.ofMillis(200), 0);

        RecordLookup lookup = fallback.lookup("www.geodig.test", "AAAA");

        assertThat(lookup.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(lookup.answers()).containsExactly(new Answer("2001:db8:1::10", 60));
    }

    @Test
    void ipv6AnswersAreInRfc5952Form() throws Exception {
        assertThat(AnswerText.ipv6(java.net.InetAddress.getByName("2001:db8:1:0:0:0:0:10").getAddress())).isEqualTo("2001:db8:1::10");
        assertThat(AnswerText.ipv6(java.net.InetAddress.getByName("0:0:0:0:0:0:0:1").getAddress())).isEqualTo("::1");
        assertThat(AnswerText.ipv6(new byte[16])).isEqualTo("::");
        assertThat(AnswerText.ipv6(java.net.InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress())).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AnswerText.ipv6(java.net.InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress())).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(AnswerText.ipv6(java.net.InetAddress.getByName("fe80:0:0:0:0:0:0:0").getAddress())).isEqualTo("fe80::");
    }

    @Test
    void unknownTypeAndInvalidNameAreErrorsWithAReason() {
        RecordLookup badType = resolver.lookup("www.geodig.test", "NOTATYPE");
        RecordLookup badName = resolver.lookup("a..b", "A");

        assertThat(badType.rcode()).isEqualTo(Rcode.ERROR);
        assertThat(badType.error()).contains("NOTATYPE");
        assertThat(badName.rcode()).isEqualTo(Rcode.ERROR);
        assertThat(badName.error()).contains("invalid domain name");
    }
}
