package dev.geodig.worker;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's settings ({@code geodig.worker.*}), checked when the application starts: a worker
 * without a location or without resolvers must not start at all, rather than start and answer wrongly.
 *
 * <p>The defaults are the {@code @DefaultValue}s here, and only here: {@code application.yml} repeats none of them.
 *
 * @param location the location this worker serves, e.g. {@code us-east-1}; names its group {@code workers-<location>}
 * @param resolvers this location's DNS servers as {@code host:port}, asked in order; there is no default
 *     and the system resolver is never used
 * @param dnsTimeout how long one DNS query may take before it counts as lost
 * @param dnsRetries how many times a lost query is sent again to the same server
 * @param concurrency how many tasks this worker processes at once
 * @param claimIdle how long an entry may sit unacknowledged with another consumer before this one takes it over;
 *     a live consumer keeps its own entries in flight from ever looking that idle ({@code InFlightKeepAlive}), so
 *     it only has to be well under the tasks' deadline, not longer than the slowest task
 * @param maxDeliveries how many times an entry is delivered for processing at most; a re-delivery beyond that
 *     moves it to the dead-letter stream instead, so a task that keeps failing is not claimed forever
 * @param resultsMaxLen the approximate bound of {@code dns:results}
 * @param consumerName this instance's consumer name in the group; unset or empty means {@code <hostname>-<pid>}, unique per
 *     process, so that two instances of a location share its tasks
 * @param resultMargin how long before a task's deadline its lookups stop, to leave time for the result to reach the
 *     orchestrator; a task read with less than this left is acknowledged as expired, without DNS work
 * @param clientSubnet the network this location's clients are in, {@code address/prefix}: one IPv4 and/or one IPv6
 *     prefix; the first is sent with every query as EDNS Client Subnet (RFC 7871), so that a geo-routing server
 *     answers as it would answer a client there. Unset: no client subnet is sent
 * @param ecs whether the client subnet is sent ({@code on}, the default); {@code off} for resolvers that must not see it
 * @param ecsIpv4Prefix the source prefix of an IPv4 client subnet written without {@code /prefix}
 * @param ecsIpv6Prefix the source prefix of an IPv6 client subnet written without {@code /prefix}
 */
@ConfigurationProperties("geodig.worker")
public record WorkerProperties(
        String location,
        List<String> resolvers,
        @DefaultValue("2s") Duration dnsTimeout,
        @DefaultValue("1") int dnsRetries,
        @DefaultValue("16") int concurrency,
        @DefaultValue("2s") Duration claimIdle,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("10000") long resultsMaxLen,
        String consumerName,
        @DefaultValue("100ms") Duration resultMargin,
        List<String> clientSubnet,
        @DefaultValue("true") boolean ecs,
        @DefaultValue("24") int ecsIpv4Prefix,
        @DefaultValue("56") int ecsIpv6Prefix) {

    // Group and consumer names are built from the location; keep it to characters that read well there.
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public WorkerProperties {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(
                    "geodig.worker.location is required (env GEODIG_WORKER_LOCATION), e.g. us-east-1");
        }
        location = location.strip();
        if (!LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("geodig.worker.location '" + location
                    + "' must be letters, digits, '.', '_' or '-'");
        }
        if (resolvers == null || resolvers.stream().allMatch(r -> r == null || r.isBlank())) {
            throw new IllegalArgumentException("geodig.worker.resolvers is required (env GEODIG_WORKER_RESOLVERS):"
                    + " comma-separated host:port of this location's DNS servers, e.g. 127.0.0.1:5301;"
                    + " there is no default and the system resolver is never used");
        }
        resolvers = resolvers.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
        resolvers.forEach(WorkerProperties::parseHostPort);
        positive(dnsTimeout, "dns-timeout");
        if (dnsRetries < 0) {
            throw new IllegalArgumentException("geodig.worker.dns-retries must be 0 or more, was " + dnsRetries);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("geodig.worker.concurrency must be at least 1, was " + concurrency);
        }
        positive(claimIdle, "claim-idle");
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("geodig.worker.max-deliveries must be at least 1, was " + maxDeliveries);
        }
        if (resultsMaxLen < 1) {
            throw new IllegalArgumentException("geodig.worker.results-max-len must be at least 1, was " + resultsMaxLen);
        }
        consumerName = consumerName == null || consumerName.isBlank() ? defaultConsumerName() : consumerName.strip();
        if (resultMargin.isNegative()) {
            throw new IllegalArgumentException("geodig.worker.result-margin must be 0 or more, was " + resultMargin);
        }
        clientSubnet = clientSubnet == null ? List.of()
                : clientSubnet.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        List<LocationSubnet> subnets = subnets(clientSubnet, ecsIpv4Prefix, ecsIpv6Prefix);
        if (subnets.size() > 2 || subnets.stream().map(s -> s.address().getClass()).distinct().count() < subnets.size()) {
            throw new IllegalArgumentException("geodig.worker.client-subnet " + clientSubnet
                    + " must be one IPv4 and/or one IPv6 prefix");
        }
    }

    /** The client subnet every query carries: the first configured one, unless ECS is off or none is configured. */
    Optional<LocationSubnet> sentSubnet() {
        return ecs && !clientSubnet.isEmpty()
                ? Optional.of(subnets(clientSubnet, ecsIpv4Prefix, ecsIpv6Prefix).getFirst())
                : Optional.empty();
    }

    private static List<LocationSubnet> subnets(List<String> texts, int ipv4Prefix, int ipv6Prefix) {
        try {
            return texts.stream().map(text -> LocationSubnet.parse(text, ipv4Prefix, ipv6Prefix)).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("geodig.worker.client-subnet: " + e.getMessage());
        }
    }

    /**
     * The longest one record type's lookup can take when every server stays silent: each server is asked
     * {@code 1 + dns-retries} times, each attempt waiting up to {@code dns-timeout}.
     */
    public Duration dnsBudget() {
        return dnsTimeout.multipliedBy((1L + dnsRetries) * resolvers.size());
    }

    /** The resolvers as socket addresses, in the configured order. */
    public List<InetSocketAddress> resolverAddresses() {
        return resolvers.stream().map(WorkerProperties::parseHostPort).toList();
    }

    /** {@code host:port}, or {@code [v6-address]:port}; the port is mandatory since demo servers never use 53. */
    static InetSocketAddress parseHostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("geodig.worker.resolvers: '" + hostPort + "' is not host:port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("geodig.worker.resolvers: '" + hostPort
                    + "' is not host:port (write an IPv6 address as [address]:port)");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("geodig.worker.resolvers: '" + hostPort + "' has no numeric port");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("geodig.worker.resolvers: '" + hostPort + "' port out of range");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("geodig.worker.resolvers: cannot resolve host of '" + hostPort + "'");
        }
        return address;
    }

    private static void positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("geodig.worker." + name + " must be positive, was " + value);
        }
    }

    // Not InetAddress.getLocalHost(): that may ask the system resolver, which this service never uses.
    private static String defaultConsumerName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (Exception e) {
                host = "";
            }
        }
        return (host.isBlank() ? "worker" : host) + "-" + ProcessHandle.current().pid();
    }
}
