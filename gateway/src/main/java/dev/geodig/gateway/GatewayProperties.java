package dev.geodig.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's {@code geodig.gateway.*} settings. The names are fixed (scripts and other services rely on
 * them). The defaults are the {@code @DefaultValue}s here, and only here: {@code application.yml} repeats none
 * of them; it holds what has no default (the locations' labels). The settings the gateway shares with other
 * services, {@code geodig.locations} and {@code geodig.redis.url}, are the {@code boot} module's records.
 *
 * @param orchestratorUrl base URL of the orchestrator
 * @param maxBodyBytes no request body above this size reaches JSON parsing
 * @param orchestratorTimeout how long a lookup may wait for the orchestrator's answer; a little
 *     above the orchestrator's result deadline, so a partial report arrives before the gateway gives up
 * @param orchestratorConnectTimeout short: an orchestrator that cannot be reached should fail fast
 * @param readinessTimeout per dependency checked by readiness (Redis PING, orchestrator readiness)
 * @param jaegerQueryUrl base URL of Jaeger's query API, where {@code GET /api/v1/traces/{id}} reads traces;
 *     {@code ./geodig up} and compose set it
 * @param jaegerUiUrl base URL of a Jaeger UI to link traces to, as the user's browser reaches it; none when
 *     unset (a source-built Jaeger has no UI; compose sets {@code http://localhost:16686})
 * @param jaegerTimeout connect and read timeout towards Jaeger's query API, for the whole answer
 * @param jaegerMaxTraces the most traces Jaeger keeps (its in-memory store's {@code max_traces}): Jaeger refuses a
 *     search deeper than that, so no trace search or service map asks for more; {@code ./geodig up} sets it from
 *     {@code GEODIG_JAEGER_MAX_TRACES}
 * @param prometheusUrl base URL of Prometheus's HTTP API, where {@code GET /api/v1/metrics/*} run their fixed
 *     queries; {@code ./geodig up} and compose set it
 * @param prometheusTimeout connect and read timeout towards Prometheus, per query
 * @param locationDetails per location name, what the page shows about it besides its name
 * @param maxLookupsInFlight lookups the gateway runs at once; one more is turned away at once with a 503, so
 *     the admitted keep their latency. Each holds a virtual thread, a connection to the orchestrator and a task
 *     per location, and a worker runs 16 tasks at once: 64 keeps the queue behind the workers a few rounds deep
 * @param rateLimit the per-client limit on lookups
 */
@ConfigurationProperties("geodig.gateway")
public record GatewayProperties(
        @DefaultValue("http://127.0.0.1:8081") URI orchestratorUrl,
        @DefaultValue("8192") int maxBodyBytes,
        @DefaultValue("10s") Duration orchestratorTimeout,
        @DefaultValue("1s") Duration orchestratorConnectTimeout,
        @DefaultValue("1s") Duration readinessTimeout,
        @DefaultValue("http://127.0.0.1:16686") URI jaegerQueryUrl,
        URI jaegerUiUrl,
        @DefaultValue("3s") Duration jaegerTimeout,
        @DefaultValue("2000") int jaegerMaxTraces,
        @DefaultValue("http://127.0.0.1:9090") URI prometheusUrl,
        @DefaultValue("3s") Duration prometheusTimeout,
        Map<String, LocationDetails> locationDetails,
        @DefaultValue("64") int maxLookupsInFlight,
        @DefaultValue RateLimit rateLimit) {

    public GatewayProperties {
        locationDetails = locationDetails == null ? Map.of() : Map.copyOf(locationDetails);
        if (jaegerMaxTraces < 1) {
            throw new IllegalArgumentException("geodig.gateway.jaeger-max-traces must be at least 1, not " + jaegerMaxTraces);
        }
        if (maxLookupsInFlight < 1) {
            throw new IllegalArgumentException("geodig.gateway.max-lookups-in-flight must be at least 1, not " + maxLookupsInFlight);
        }
    }

    /**
     * A token bucket per client address: {@code capacity} lookups at once, refilled with
     * {@code refillTokens} every {@code refillPeriod} (spread evenly over it). A lookup makes up to
     * locations × record types DNS queries, so an unlimited gateway is an amplifier. The defaults are
     * generous for the demo; load tests from one address turn it off.
     *
     * @param enabled off: no limit and no RateLimit headers
     * @param capacity the burst a client may send at once
     * @param refillTokens how many lookups come back per {@code refillPeriod}: the sustained rate
     * @param refillPeriod see {@code refillTokens}
     * @param maxClients how many clients' buckets are kept; beyond it the least recently seen are dropped,
     *     so memory stays bounded whatever the number of addresses
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100") long capacity,
            @DefaultValue("50") long refillTokens,
            @DefaultValue("1s") Duration refillPeriod,
            @DefaultValue("10000") int maxClients) {

        public RateLimit {
            if (capacity < 1 || refillTokens < 1 || refillPeriod == null || refillPeriod.isNegative() || refillPeriod.isZero()
                    || maxClients < 1) {
                throw new IllegalArgumentException("geodig.gateway.rate-limit needs capacity, refill-tokens and max-clients of at"
                        + " least 1 and a positive refill-period, not capacity=" + capacity + ", refill-tokens=" + refillTokens
                        + ", refill-period=" + refillPeriod + ", max-clients=" + maxClients);
            }
        }
    }

    /**
     * @param label a human name of the place, e.g. "EU West (Ireland)"; the location's name when unset
     * @param resolver the DNS server(s) its worker asks, as the launcher configured them; unknown when unset
     * @param clientSubnet the network the location's clients are in, as the topology file gives it
     *     ({@code 192.0.2.0/24}, or an IPv4 and an IPv6 prefix comma-separated, the first the one sent); unknown
     *     when unset
     * @param ecs whether the location's worker sends its client subnet as EDNS Client Subnet (RFC 7871):
     *     {@code on} unless the topology says {@code off}
     */
    public record LocationDetails(String label, String resolver, String clientSubnet, @DefaultValue("true") boolean ecs) {
    }
}
