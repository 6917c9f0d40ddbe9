package dev.geodig.cli;

import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.LookupStatus;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.RecordLookup.Answer;
import dev.geodig.contract.RecordLookup.ClientSubnet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real contract values for the printers' tests, built the way the orchestrator builds them. */
final class Reports {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private Reports() {
    }

    static RecordLookup noerror(String... values) {
        return new RecordLookup(Rcode.NOERROR, Arrays.stream(values).map(v -> new Answer(v, 60)).toList(), 3, null);
    }

    static Map<String, RecordLookup> records(Object... typeAndLookup) {
        Map<String, RecordLookup> records = new LinkedHashMap<>();
        for (int i = 0; i < typeAndLookup.length; i += 2) {
            records.put((String) typeAndLookup[i], (RecordLookup) typeAndLookup[i + 1]);
        }
        return records;
    }

    /** Every location answered; A differs per location, MX is the same everywhere. */
    static LookupReport success() {
        Map<String, LocationReport> results = new LinkedHashMap<>();
        results.put("us-east-1", new LocationReport(LocationStatus.SUCCESS,
                records("A", noerror("192.0.2.11", "192.0.2.10"), "MX", noerror("10 mx.geodig.test.")), 4L, null));
        results.put("eu-west-1", new LocationReport(LocationStatus.SUCCESS,
                records("A", noerror("198.51.100.10"), "MX", noerror("10 mx.geodig.test.")), 5L, null));
        results.put("asia-south-1", new LocationReport(LocationStatus.SUCCESS,
                records("A", noerror("203.0.113.10"), "MX", noerror("10 mx.geodig.test.")), 6L, null));
        return new LookupReport(TRACE_ID, LookupStatus.SUCCESS, "www.geodig.test", List.of("A", "MX"), results, 14);
    }

    /** asia-south-1's worker did not answer in time; eu-west-1's DNS server did not answer A. */
    static LookupReport partial() {
        Map<String, LocationReport> results = new LinkedHashMap<>();
        results.put("us-east-1", new LocationReport(LocationStatus.SUCCESS,
                records("A", noerror("192.0.2.10"), "NS", noerror("ns1.geodig.test.")), 4L, null));
        results.put("eu-west-1", new LocationReport(LocationStatus.PARTIAL,
                records("A", new RecordLookup(Rcode.TIMEOUT, List.of(), 2000, "no response from 127.0.0.1:5302 within 2000 ms"),
                        "NS", noerror("ns1.geodig.test.")), 2003L, "1 of 2 lookups failed"));
        results.put("asia-south-1", LocationReport.timedOut(5000));
        return new LookupReport(TRACE_ID, LookupStatus.PARTIAL, "www.geodig.test", List.of("A", "NS"), results, 5012);
    }

    /** {@code lookup} as asked with the client subnet {@code subnet}, answered with scope {@code scope} (null: none). */
    static RecordLookup ecs(RecordLookup lookup, String subnet, Integer scope) {
        return lookup.withEcs(new ClientSubnet(subnet, scope));
    }

    /**
     * Every location's A answer chosen for its client subnet (scope /24); MX the same for everyone (scope /0);
     * TXT differing without being tailored: one server ignored the subnet, one tailored, one never answered.
     */
    static LookupReport geoAnswers() {
        Map<String, LocationReport> results = new LinkedHashMap<>();
        results.put("us-east-1", new LocationReport(LocationStatus.SUCCESS, records(
                "A", ecs(noerror("192.0.2.11", "192.0.2.10"), "192.0.2.0/24", 24),
                "MX", ecs(noerror("10 mx.geodig.test."), "192.0.2.0/24", 0),
                "TXT", ecs(noerror("\"edge=us-east-1\""), "192.0.2.0/24", null)), 4L, null));
        results.put("eu-west-1", new LocationReport(LocationStatus.SUCCESS, records(
                "A", ecs(noerror("198.51.100.10"), "198.51.100.0/24", 24),
                "MX", ecs(noerror("10 mx.geodig.test."), "198.51.100.0/24", 0),
                "TXT", ecs(noerror("\"edge=eu-west-1\""), "198.51.100.0/24", 24)), 5L, null));
        results.put("asia-south-1", new LocationReport(LocationStatus.PARTIAL, records(
                "A", ecs(noerror("203.0.113.10"), "203.0.113.0/24", 24),
                "MX", ecs(noerror("10 mx.geodig.test."), "203.0.113.0/24", 0),
                "TXT", ecs(new RecordLookup(Rcode.TIMEOUT, List.of(), 2000, "no response from 127.0.0.1:5300 within 2000 ms"),
                        "203.0.113.0/24", null)), 2006L, "1 of 3 lookups failed"));
        return new LookupReport(TRACE_ID, LookupStatus.PARTIAL, "www.geodig.test", List.of("A", "MX", "TXT"), results, 2014);
    }

    /** us-east-1 sends its client subnet, eu-west-1 sends none (ECS off), asia-south-1's worker did not answer in time. */
    static LookupReport ecsOffAtOneLocation(String usEastSubnet) {
        Map<String, LocationReport> results = new LinkedHashMap<>();
        results.put("us-east-1", new LocationReport(LocationStatus.SUCCESS,
                records("A", ecs(noerror("192.0.2.10"), usEastSubnet, 24)), 4L, null));
        results.put("eu-west-1", new LocationReport(LocationStatus.SUCCESS, records("A", noerror("192.0.2.100")), 5L, null));
        results.put("asia-south-1", LocationReport.timedOut(5000));
        return new LookupReport(TRACE_ID, LookupStatus.PARTIAL, "www.geodig.test", List.of("A"), results, 5012);
    }

    /** A TXT answer that tries to recolour the terminal, inject markup and reverse the line. */
    static LookupReport hostileTxt() {
        Map<String, LocationReport> results = new LinkedHashMap<>();
        String hostile = "\"\u001b[31mred\u001b[0m <script>alert(1)</script> \u202eevil\"";
        results.put("us-east-1", new LocationReport(LocationStatus.SUCCESS, records("TXT", noerror(hostile)), 4L, null));
        results.put("eu-west-1", new LocationReport(LocationStatus.SUCCESS, records("TXT", noerror("\"v=spf1 mx -all\"")), 5L, null));
        return new LookupReport(TRACE_ID, LookupStatus.SUCCESS, "geodig.test", List.of("TXT"), results, 9);
    }
}
