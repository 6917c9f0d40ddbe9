package dev.geodig.bench.lookups;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.testkit.SubnetPrefix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The floor's DNS side and its stream payloads: one dnsjava {@link SimpleResolver} per location, set up
 * as the worker's {@code RecordResolver} sets up its own (UDP, TCP again on truncation, 2 s timeout),
 * and a real task and per-location result, encoded once from the demo request and its first answers.
 */
final class FloorPayloads {

    static final String DOMAIN = "www.geodig.test";
    static final List<String> RECORD_TYPES = List.of("A", "AAAA", "MX", "TXT", "NS");

    private final Map<String, SimpleResolver> resolvers;
    private final Map<String, LocationResolver> dnsByLocation;
    private final Map<String, String> task;
    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();
    private final Name name;

    private FloorPayloads(Map<String, LocationResolver> dnsByLocation) throws TextParseException {
        this.name = Name.fromString(DOMAIN, Name.root);
        this.dnsByLocation = Map.copyOf(dnsByLocation);
        this.resolvers = new LinkedHashMap<>();
        dnsByLocation.forEach((location, dns) -> resolvers.put(location, resolver(dns.resolver())));
        List<String> locations = List.copyOf(dnsByLocation.keySet());
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        this.task = MessageCodec.encode(new DnsTask(traceId, traceId, DOMAIN, RECORD_TYPES, locations, Instant.now(),
                Instant.now().plusSeconds(5), Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")));
        for (String location : locations) {
            Map<String, RecordLookup> records = new LinkedHashMap<>();
            for (String type : RECORD_TYPES) {
                records.put(type, lookup(location, type));
            }
            results.put(location, MessageCodec.encode(new DnsResult(traceId, traceId, location, DOMAIN, LocationStatus.SUCCESS,
                    records, 1, null)));
        }
    }

    /** Asks every location once for every record type, to fill the results with real answers. */
    static FloorPayloads ask(Map<String, LocationResolver> dnsByLocation) {
        try {
            return new FloorPayloads(dnsByLocation);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Map<String, String> task() {
        return task;
    }

    Map<String, String> result(String location) {
        return results.get(location);
    }

    /** The five record types asked of the location's server at once; true when every one was answered. */
    boolean askAll(String location, ExecutorService threads) throws InterruptedException {
        List<Future<Message>> answers = new ArrayList<>();
        for (String type : RECORD_TYPES) {
            answers.add(threads.submit(() -> resolvers.get(location).send(query(location, type))));
        }
        boolean all = true;
        for (Future<Message> answer : answers) {
            try {
                all &= answer.get() != null;
            } catch (ExecutionException e) {
                all = false;
            }
        }
        return all;
    }

    private RecordLookup lookup(String location, String type) {
        try {
            Message response = resolvers.get(location).send(query(location, type));
            List<RecordLookup.Answer> answers = new ArrayList<>();
            for (Record record : response.getSection(Section.ANSWER)) {
                answers.add(new RecordLookup.Answer(record.rdataToString(), record.getTTL()));
            }
            RecordLookup outcome = new RecordLookup(answers.isEmpty() ? Rcode.NODATA : Rcode.NOERROR, answers, 1, null);
            String subnet = dnsByLocation.get(location).clientSubnet();
            // The result says what was sent and the scope that came back, as the worker's do: the same payload size.
            return subnet == null ? outcome : outcome.withEcs(new RecordLookup.ClientSubnet(subnet, scope(response)));
        } catch (IOException e) {
            throw new IllegalStateException("the DNS server of " + location + " does not answer " + type + " " + DOMAIN, e);
        }
    }

    /** A fresh query, with a new message id, per question, with the location's client subnet, as the worker sends. */
    private Message query(String location, String type) {
        Message query = Message.newQuery(Record.newRecord(name, Type.value(type), DClass.IN));
        String subnet = dnsByLocation.get(location).clientSubnet();
        if (subnet != null) {
            SubnetPrefix prefix = SubnetPrefix.parse(subnet);
            query.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(prefix.prefix(), prefix.address()))),
                    Section.ADDITIONAL);
        }
        return query;
    }

    private static Integer scope(Message response) {
        OPTRecord opt = response.getOPT();
        return opt == null ? null : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).stream()
                .map(option -> ((ClientSubnetOption) option).getScopePrefixLength()).findFirst().orElse(null);
    }

    private static SimpleResolver resolver(InetSocketAddress address) {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(Duration.ofSeconds(2));
        resolver.setTCP(false);
        resolver.setIgnoreTruncation(false);
        return resolver;
    }
}
