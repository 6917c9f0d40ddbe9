package dev.geodig.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.gateway.GatewayProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * How {@link ClientRateLimit} keys and keeps its buckets: the memory they take is bounded whatever
 * the number of client addresses, and an IPv6 client is its /64. (What a client sees is proven over a
 * real port, in {@code ClientRateLimitTest}.)
 */
class ClientRateLimitBucketsTest {

    @Test
    void keepsNoMoreBucketsThanMaxClientsHoweverManyAddressesCome() {
        ClientRateLimit limit = new ClientRateLimit(properties(new GatewayProperties.RateLimit(true, 100, 50, Duration.ofSeconds(1), 1000)));

        for (int i = 0; i < 20_000; i++) {
            limit.consume(from("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)), new MockHttpServletResponse());
        }

        assertThat(limit.clients()).isLessThanOrEqualTo(1000);
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertThat(ClientRateLimit.clientOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientRateLimit.clientOf("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientRateLimit.clientOf("2001:db8:1:3::1")).isNotEqualTo(ClientRateLimit.clientOf("2001:db8:1:2::1"));
        assertThat(ClientRateLimit.clientOf("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientRateLimit.clientOf("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void addressesOfOneSlash64ShareABucket() {
        ClientRateLimit limit = new ClientRateLimit(properties(new GatewayProperties.RateLimit(true, 2, 1, Duration.ofMinutes(1), 100)));

        limit.consume(from("2001:db8::1"), new MockHttpServletResponse());
        limit.consume(from("2001:db8::2"), new MockHttpServletResponse());

        assertThatThrownBy(() -> limit.consume(from("2001:db8::3"), new MockHttpServletResponse()))
                .isInstanceOf(ClientRateLimit.RateLimitedException.class);
    }

    @Test
    void refusesASettingThatCannotWork() {
        assertThatThrownBy(() -> new GatewayProperties.RateLimit(true, 0, 50, Duration.ofSeconds(1), 10))
                .hasMessageContaining("geodig.gateway.rate-limit");
        assertThatThrownBy(() -> new GatewayProperties.RateLimit(true, 10, 5, Duration.ZERO, 10))
                .hasMessageContaining("refill-period");
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/dns/lookup");
        request.setRemoteAddr(address);
        return request;
    }

    private static GatewayProperties properties(GatewayProperties.RateLimit rateLimit) {
        return new GatewayProperties(null, 8192, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, null, Duration.ofSeconds(3), 2000, null, Duration.ofSeconds(3), Map.of(), 64, rateLimit);
    }
}
