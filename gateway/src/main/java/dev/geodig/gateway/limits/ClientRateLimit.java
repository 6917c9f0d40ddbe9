package dev.geodig.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.problem.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client for lookups ({@code geodig.gateway.rate-limit.*}): a client may send
 * {@code capacity} lookups at once and {@code refill-tokens} per {@code refill-period} after that;
 * beyond it, 429 with {@code Retry-After}.
 *
 * <p>Why: one lookup makes up to locations × record types DNS queries (3 × 14 = 42 here), so an open
 * gateway is an amplifier, for the DNS servers behind the workers and for the workers themselves.
 *
 * <p>The client is the connection's remote address, never a header it could forge
 * ({@code X-Forwarded-For} is ignored; Tomcat reports the proxy's address if one is in front). An IPv6
 * client is its /64, since one host commonly holds a whole /64 and could otherwise change address
 * for every lookup. The buckets are kept in a cache bounded to {@code max-clients}: one not used for
 * as long as it takes to refill completely is full again anyway and is dropped, and beyond the bound
 * the least recently used go first, so no number of addresses can grow the gateway's memory.
 *
 * <p>Every lookup's answer carries the {@code RateLimit-Policy} and {@code RateLimit} fields of
 * draft-ietf-httpapi-ratelimit-headers-10 (September 2025, the latest revision whose text could be
 * read; structured-field lists, {@code q} quota, {@code w} window, {@code r} remaining, {@code t}
 * seconds until more quota), so a client can pace itself before it is refused.
 */
@Component
public class ClientRateLimit {

    static final String POLICY = "lookups";

    private final boolean enabled;
    private final GatewayProperties.RateLimit settings;
    private final Cache<String, Bucket> buckets;
    private final String policyHeader;

    ClientRateLimit(GatewayProperties properties) {
        this.settings = properties.rateLimit();
        this.enabled = settings.enabled();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(settings.maxClients())
                .expireAfterAccess(timeToFill(settings))
                .build();
        // The draft's quota is q per window w (whole seconds); a bucket is "capacity per the time it takes to
        // refill it": the burst, and over any longer stretch the sustained rate.
        this.policyHeader = "\"" + POLICY + "\";q=" + settings.capacity() + ";w=" + Math.max(1, seconds(timeToFill(settings)));
    }

    /**
     * Takes one lookup from the client's bucket and says so in the response's RateLimit fields; a
     * {@link RateLimitedException} (429) when the bucket is empty.
     */
    public void consume(HttpServletRequest request, HttpServletResponse response) {
        if (!enabled) {
            return;
        }
        Bucket bucket = buckets.get(clientOf(request.getRemoteAddr()), client -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = Math.max(1, seconds(Duration.ofNanos(probe.getNanosToWaitForRefill())));
            throw new RateLimitedException(settings, wait, policyHeader);
        }
        response.setHeader(RateLimitedException.POLICY_FIELD, policyHeader);
        long remaining = probe.getRemainingTokens();
        String limit = "\"" + POLICY + "\";r=" + remaining;
        if (remaining < settings.capacity()) {
            // When the next lookup comes back into the bucket; a full bucket gains nothing more.
            long nextToken = bucket.estimateAbilityToConsume(remaining + 1).getNanosToWaitForRefill();
            limit += ";t=" + Math.max(1, seconds(Duration.ofNanos(nextToken)));
        }
        response.setHeader(RateLimitedException.LIMIT_FIELD, limit);
    }

    /** Buckets held now (after any pending evictions): at most {@code max-clients}. */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(settings.capacity()).refillGreedy(settings.refillTokens(), settings.refillPeriod()))
                .build();
    }

    /**
     * The key of a client's bucket: its IPv4 address, or the /64 of its IPv6 address. The remote
     * address is always a literal, so nothing is resolved.
     */
    static String clientOf(String remoteAddress) {
        try {
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
        }
    }

    /** How long an empty bucket takes to fill again. */
    private static Duration timeToFill(GatewayProperties.RateLimit settings) {
        long refills = (settings.capacity() + settings.refillTokens() - 1) / settings.refillTokens();
        return settings.refillPeriod().multipliedBy(refills);
    }

    /** Whole seconds, rounded up: the draft's fields and Retry-After have no fractions. */
    private static long seconds(Duration duration) {
        return (duration.toNanos() + 999_999_999L) / 1_000_000_000L;
    }

    /** 429: the client has used its lookups for now. */
    static final class RateLimitedException extends ProblemException {

        static final String POLICY_FIELD = "RateLimit-Policy";
        static final String LIMIT_FIELD = "RateLimit";

        RateLimitedException(GatewayProperties.RateLimit settings, long waitSeconds, String policyHeader) {
            super(HttpStatus.TOO_MANY_REQUESTS, "This client has sent more than " + settings.capacity() + " lookups at once or "
                    + settings.refillTokens() + " per " + settings.refillPeriod().toMillis() + " ms; try again in " + waitSeconds + " s.",
                    List.of(), headers(waitSeconds, policyHeader), null);
        }

        private static HttpHeaders headers(long waitSeconds, String policyHeader) {
            HttpHeaders headers = new HttpHeaders();
            // Retry-After and the reset parameter name the same moment, as the draft asks (never earlier).
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(waitSeconds));
            headers.set(POLICY_FIELD, policyHeader);
            headers.set(LIMIT_FIELD, "\"" + POLICY + "\";r=0;t=" + waitSeconds);
            return headers;
        }

        @Override
        public boolean routine() {
            return true;
        }
    }
}
