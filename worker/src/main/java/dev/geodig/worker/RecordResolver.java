package dev.geodig.worker;

import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import dev.geodig.contract.RecordLookup.ClientSubnet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
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
 * Looks up one record type of one name at this location's DNS servers, with dnsjava, and turns
 * whatever happens into a {@link RecordLookup}: never throws.
 *
 * <p>Only the configured servers are asked, each through its own {@link SimpleResolver}; nothing
 * here reads {@code /etc/resolv.conf} (dnsjava's {@code Lookup} and default resolver would).
 * Thread-safe: many lookups run at once on virtual threads.
 *
 * <p>When the location has a client subnet, every query carries it as the EDNS Client Subnet option (RFC 7871) and
 * the outcome says which subnet was sent and the scope the answer came back with ({@link ClientSubnet}): whether a
 * geo-routing server tailored the answer to that network.
 *
 * <p>A lookup can be given the instant by which it must be done (its task's deadline less the time to
 * publish the result): each attempt then waits no longer than what is left, and no attempt starts
 * after it, so DNS timeouts and retries never run past the task's deadline.
 */
final class RecordResolver {

    private final List<SimpleResolver> servers;
    private final Duration timeout;
    private final int attemptsPerServer;
    private final LocationSubnet subnet;

    /** Without a client subnet: queries carry none. */
    RecordResolver(List<InetSocketAddress> servers, Duration timeout, int retries) {
        this(servers, timeout, retries, Optional.empty());
    }

    /** @param subnet the client subnet every query carries, if any */
    RecordResolver(List<InetSocketAddress> servers, Duration timeout, int retries, Optional<LocationSubnet> subnet) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server to ask");
        }
        this.timeout = timeout;
        this.servers = servers.stream().map(address -> resolver(address, timeout)).toList();
        this.attemptsPerServer = 1 + retries;
        this.subnet = subnet.orElse(null);
    }

    private static SimpleResolver resolver(InetSocketAddress address, Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(timeout);
        resolver.setTCP(false);
        // A truncated UDP answer (TC bit) is asked again over TCP: large TXT or NS sets stay complete.
        resolver.setIgnoreTruncation(false);
        return resolver;
    }

    /** Without a deadline: every attempt gets the configured timeout. */
    RecordLookup lookup(String domain, String recordType) {
        return lookup(domain, recordType, null);
    }

    /**
     * Asks each server in order, each up to {@code 1 + retries} times, until one answers. Any answer
     * counts, whatever its response code: a REFUSED or NXDOMAIN is this location's view, not a failure
     * of the transport.
     *
     * @param doneBy when no answer may be waited for any more; {@code null} for no limit but the timeouts
     */
    RecordLookup lookup(String domain, String recordType, Instant doneBy) {
        RecordLookup lookup = lookupWithoutSubnet(domain, recordType, doneBy);
        // A lookup that got no response still says which subnet it asked with (its scope then unknown).
        return subnet != null && lookup.ecs() == null ? lookup.withEcs(new ClientSubnet(subnet.text(), null)) : lookup;
    }

    private RecordLookup lookupWithoutSubnet(String domain, String recordType, Instant doneBy) {
        long started = System.nanoTime();
        int type = Type.value(recordType.toUpperCase(Locale.ROOT));
        if (type < 0) {
            return failed(Rcode.ERROR, "unsupported record type " + recordType, started);
        }
        Name name;
        try {
            name = Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            return failed(Rcode.ERROR, "invalid domain name: " + e.getMessage(), started);
        }
        return ask(name, type, doneBy, started);
    }

    private RecordLookup ask(Name name, int type, Instant doneBy, long started) {
        IOException lastFailure = null;
        int attempts = 0;
        for (SimpleResolver server : servers) {
            for (int attempt = 0; attempt < attemptsPerServer; attempt++) {
                SimpleResolver asked = withinDeadline(server, doneBy);
                if (asked == null) {
                    return failed(Rcode.TIMEOUT, "no answer from " + describeServers() + " before the task's deadline ("
                            + attempts + " attempt(s) made)", started);
                }
                attempts++;
                try {
                    Message response = asked.send(query(name, type));
                    return fromResponse(response, type, started);
                } catch (IOException e) {
                    lastFailure = e;
                    if (Thread.currentThread().isInterrupted()) {
                        return failed(Rcode.ERROR, "interrupted", started);
                    }
                }
            }
        }
        return isTimeout(lastFailure)
                ? failed(Rcode.TIMEOUT, "no answer from " + describeServers() + " within "
                        + attemptsPerServer + " attempt(s) each", started)
                : failed(Rcode.ERROR, describe(lastFailure), started);
    }

    /**
     * A fresh query (new message id) per attempt, so a late answer to an earlier attempt is not taken for this one;
     * with the client subnet in its OPT record when the location has one. The OPT record keeps dnsjava's default
     * EDNS payload size, so large answers still come over UDP as before.
     */
    private Message query(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (subnet != null) {
            query.addRecord(new OPTRecord(SimpleResolver.DEFAULT_EDNS_PAYLOADSIZE, 0, 0, 0, subnet.option()), Section.ADDITIONAL);
        }
        return query;
    }

    /** {@code server}, waited for no longer than what is left before {@code doneBy}; {@code null} when nothing is left. */
    private SimpleResolver withinDeadline(SimpleResolver server, Instant doneBy) {
        if (doneBy == null) {
            return server;
        }
        Duration left = Duration.between(Instant.now(), doneBy);
        if (left.toMillis() < 1) {
            return null;
        }
        // The same server, waited for only as long as the task has left.
        return left.compareTo(timeout) < 0 ? resolver(server.getAddress(), left) : server;
    }

    private RecordLookup fromResponse(Message response, int queriedType, long started) {
        Rcode rcode = Rcode.named(org.xbill.DNS.Rcode.string(response.getRcode()));
        long durationMs = elapsedMs(started);
        ClientSubnet ecs = subnet == null ? null : new ClientSubnet(subnet.text(), scopeOf(response));
        if (rcode != Rcode.NOERROR) {
            return new RecordLookup(rcode, List.of(), durationMs, null, ecs);
        }
        // The answer section holds the records of the queried type and, for an alias, the CNAME (or DNAME)
        // chain leading to them. The chain is part of the answer: a name that is only an alias still exists.
        List<RecordLookup.Answer> answers = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            answers.add(new RecordLookup.Answer(AnswerText.of(record, queriedType), record.getTTL()));
        }
        return new RecordLookup(answers.isEmpty() ? Rcode.NODATA : Rcode.NOERROR, answers, durationMs, null, ecs);
    }

    /**
     * The scope prefix of the answer's client-subnet option: 0 when the answer holds for every client, more when it
     * was chosen for the subnet sent; {@code null} when the answer has no such option (the server ignores ECS).
     */
    private static Integer scopeOf(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt == null) {
            return null;
        }
        return opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).stream()
                .filter(ClientSubnetOption.class::isInstance)
                .map(option -> ((ClientSubnetOption) option).getScopePrefixLength())
                .findFirst().orElse(null);
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The failure's message, or its kind when it has none (a port-unreachable error comes without one). */
    private static String describe(IOException failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    private String describeServers() {
        return servers.stream().map(s -> s.getAddress().getAddress().getHostAddress() + ":" + s.getAddress().getPort())
                .toList().toString();
    }

    private static RecordLookup failed(Rcode rcode, String error, long started) {
        return new RecordLookup(rcode, List.of(), elapsedMs(started), error);
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
