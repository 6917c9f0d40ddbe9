package dev.geodig.cli;

import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.RecordLookup.ClientSubnet;

/**
 * EDNS Client Subnet (RFC 7871) in the report's words, as the page says it too: whether an answer was
 * chosen for the location's network ({@code tailored /24}: scope above 0), is the same for everyone
 * ({@code scope /0}), or came from a server that ignored the subnet ({@code no ECS scope}). That is what
 * tells geo-DNS at work from servers that disagree when answers differ.
 */
final class TailoringText {

    private TailoringText() {
    }

    /**
     * The mark of one lookup; {@code ""} when its query carried no client subnet, or when no server answered
     * (a timeout has no scope, and "no ECS scope" would blame a server that never spoke).
     */
    static String of(RecordLookup lookup) {
        if (lookup == null || lookup.ecs() == null || lookup.rcode() == null || !lookup.rcode().answered()) {
            return "";
        }
        Integer scope = lookup.ecs().scopePrefix();
        if (scope == null) {
            return "no ECS scope";
        }
        return (scope > 0 ? "tailored /" : "scope /") + scope;
    }

    /**
     * The client subnet a location's queries carried, as the report says ({@code subnet 192.0.2.0/24}, made
     * safe to print); {@code no client subnet} when its lookups carried none; {@code ""} when it has no
     * lookups to tell by (it timed out).
     */
    static String subnet(LocationReport report) {
        if (report == null || report.records() == null || report.records().isEmpty()) {
            return "";
        }
        return report.records().values().stream()
                .filter(lookup -> lookup != null && lookup.ecs() != null)
                .map(RecordLookup::ecs)
                .map(ClientSubnet::subnet)
                .filter(subnet -> subnet != null && !subnet.isBlank())
                .findFirst()
                .map(subnet -> "subnet " + SafeText.of(subnet))
                .orElse("no client subnet");
    }
}
