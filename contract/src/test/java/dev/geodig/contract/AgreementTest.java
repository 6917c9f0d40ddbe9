package dev.geodig.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Agreement.Group;
import dev.geodig.contract.Agreement.Verdict;
import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.RecordLookup.Answer;
import dev.geodig.contract.RecordLookup.ClientSubnet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether locations agree, per record type, as the report, the page and the terminal client show it. */
class AgreementTest {

    private static RecordLookup noerror(String... values) {
        return new RecordLookup(Rcode.NOERROR, java.util.Arrays.stream(values).map(v -> new Answer(v, 60)).toList(), 1, null);
    }

    private static LocationReport answered(Map<String, RecordLookup> records) {
        return new LocationReport(LocationStatus.SUCCESS, records, 5L, null);
    }

    private static Map<String, LocationReport> results(Object... locationAndReport) {
        Map<String, LocationReport> results = new LinkedHashMap<>();
        for (int i = 0; i < locationAndReport.length; i += 2) {
            results.put((String) locationAndReport[i], (LocationReport) locationAndReport[i + 1]);
        }
        return results;
    }

    @Test
    void theSameAnswersInAnyOrderAndWithOtherTtlsAreTheSame() {
        RecordLookup first = new RecordLookup(Rcode.NOERROR, List.of(new Answer("192.0.2.1", 60), new Answer("192.0.2.2", 60)), 1, null);
        RecordLookup second = new RecordLookup(Rcode.NOERROR, List.of(new Answer("192.0.2.2", 12), new Answer("192.0.2.1", 12)), 1, null);

        List<Agreement> agreement = Agreement.across(List.of("A"),
                results("us-east-1", answered(Map.of("A", first)), "eu-west-1", answered(Map.of("A", second))));

        assertThat(agreement).containsExactly(new Agreement("A", Verdict.SAME,
                List.of(new Group(Rcode.NOERROR, List.of("192.0.2.1", "192.0.2.2"), List.of("us-east-1", "eu-west-1"))), List.of(), false));
    }

    @Test
    void answersThatDifferWithAScopeAboveZeroEverywhereAreTailoredByLocation() {
        RecordLookup us = noerror("192.0.2.10").withEcs(new ClientSubnet("192.0.2.0/24", 24));
        RecordLookup eu = noerror("198.51.100.10").withEcs(new ClientSubnet("198.51.100.0/24", 24));

        Agreement a = Agreement.across(List.of("A"), results(
                "us-east-1", answered(Map.of("A", us)), "eu-west-1", answered(Map.of("A", eu)))).getFirst();

        assertThat(a.verdict()).isEqualTo(Verdict.DIFFER);
        assertThat(a.tailored()).as("every answer came with a scope above 0").isTrue();
    }

    @Test
    void answersThatDifferWhereOneCameWithScopeZeroOrWithoutEcsAreNotTailored() {
        RecordLookup us = noerror("192.0.2.10").withEcs(new ClientSubnet("192.0.2.0/24", 24));
        RecordLookup scopeZero = noerror("198.51.100.10").withEcs(new ClientSubnet("198.51.100.0/24", 0));
        RecordLookup ignored = noerror("203.0.113.10").withEcs(new ClientSubnet("203.0.113.0/24", null));

        assertThat(Agreement.across(List.of("A"), results(
                "us-east-1", answered(Map.of("A", us)), "eu-west-1", answered(Map.of("A", scopeZero)))).getFirst().tailored())
                .as("scope 0: the same answer for everyone, so a difference is not geography").isFalse();
        assertThat(Agreement.across(List.of("A"), results(
                "us-east-1", answered(Map.of("A", us)), "asia-south-1", answered(Map.of("A", ignored)))).getFirst().tailored())
                .as("no client-subnet option in the answer: the server ignored it").isFalse();
        assertThat(Agreement.across(List.of("A"), results(
                "us-east-1", answered(Map.of("A", noerror("192.0.2.10"))))).getFirst().tailored())
                .as("no client subnet sent at all").isFalse();
    }

    @Test
    void differentAnswersMakeOneGroupEachInRequestOrder() {
        List<Agreement> agreement = Agreement.across(List.of("A"), results(
                "us-east-1", answered(Map.of("A", noerror("192.0.2.10"))),
                "eu-west-1", answered(Map.of("A", noerror("198.51.100.10"))),
                "asia-south-1", answered(Map.of("A", noerror("192.0.2.10")))));

        Agreement a = agreement.getFirst();
        assertThat(a.verdict()).isEqualTo(Verdict.DIFFER);
        assertThat(a.groups()).extracting(Group::locations)
                .containsExactly(List.of("us-east-1", "asia-south-1"), List.of("eu-west-1"));
        assertThat(a.groups()).extracting(Group::answers).containsExactly(List.of("192.0.2.10"), List.of("198.51.100.10"));
    }

    @Test
    void theResponseCodeCountsNotOnlyTheAnswers() {
        RecordLookup nxdomain = new RecordLookup(Rcode.NXDOMAIN, List.of(), 1, null);
        RecordLookup nodata = new RecordLookup(Rcode.NODATA, List.of(), 1, null);

        Agreement mx = Agreement.across(List.of("MX"), results(
                "us-east-1", answered(Map.of("MX", nxdomain)), "eu-west-1", answered(Map.of("MX", nodata)))).getFirst();

        assertThat(mx.verdict()).isEqualTo(Verdict.DIFFER);
        assertThat(mx.groups()).extracting(Group::rcode).containsExactly(Rcode.NXDOMAIN, Rcode.NODATA);
    }

    @Test
    void aLocationWithoutAResultLeavesAgreementUnproven() {
        List<Agreement> agreement = Agreement.across(List.of("A", "AAAA"), results(
                "us-east-1", answered(Map.of("A", noerror("192.0.2.10"), "AAAA", noerror("2001:db8::1"))),
                "eu-west-1", answered(Map.of("A", noerror("198.51.100.10"), "AAAA", noerror("2001:db8::1"))),
                "asia-south-1", LocationReport.timedOut(5000)));

        assertThat(agreement).extracting(Agreement::recordType, Agreement::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", Verdict.DIFFER),
                        org.assertj.core.groups.Tuple.tuple("AAAA", Verdict.INCOMPLETE));
        assertThat(agreement).allSatisfy(each -> assertThat(each.missing()).containsExactly("asia-south-1"));
    }

    @Test
    void noResultAnywhereIsIncompleteWithNoGroup() {
        Agreement a = Agreement.across(List.of("A"), results("us-east-1", LocationReport.timedOut(5000))).getFirst();

        assertThat(a.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(a.groups()).isEmpty();
        assertThat(a.missing()).containsExactly("us-east-1");
    }

    @Test
    void aReportCarriesItsAgreementOnTheWire() {
        LookupReport report = new LookupReport("b270a680b063957d2a986300d59e7163", LookupStatus.SUCCESS, "www.geodig.test",
                List.of("A"), results("us-east-1", answered(Map.of("A", noerror("192.0.2.10")))), 3);

        String json = MessageCodec.encode(report).get(Streams.PAYLOAD_FIELD);

        assertThat(json).contains("\"agreement\":[{\"record_type\":\"A\",\"verdict\":\"same\","
                + "\"groups\":[{\"rcode\":\"NOERROR\",\"answers\":[\"192.0.2.10\"],\"locations\":[\"us-east-1\"]}],\"missing\":[],\"tailored\":false}]");
    }
}
