package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.RawHttp.Reply;
import dev.geodig.testkit.LoopbackPorts;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The per-client rate limit on lookups, with real requests on a real port from two client addresses
 * (127.0.0.1 and 127.0.0.2): a bucket of 3 refilled with 1 every 10 s (long enough that
 * the requests before the refill all fall within one period, even on a loaded machine). Past it, a 429 problem with
 * {@code Retry-After} and the httpapi draft's {@code RateLimit}/{@code RateLimit-Policy} fields; a
 * forged {@code X-Forwarded-For} does not help; another address has its own bucket; nothing but
 * lookups counts; the bucket refills.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "geodig.gateway.rate-limit.capacity=3",
    "geodig.gateway.rate-limit.refill-tokens=1",
    "geodig.gateway.rate-limit.refill-period=10s",
})
class ClientRateLimitTest {

    private static final String VALID = "{\"domain\": \"google.com\"}";
    private static final String POLICY = "\"lookups\";q=3;w=30";

    @DynamicPropertySource
    static void orchestratorNowhere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    @Test
    void aClientPastItsBucketGets429WithRetryAfterAndRateLimitFieldsUntilItRefills() throws Exception {
        RawHttp client = new RawHttp(port, Duration.ofSeconds(10));
        RawHttp otherClient = new RawHttp(port, Duration.ofSeconds(10), InetAddress.getByName("127.0.0.2"));

        // Every lookup request counts, valid (503: the orchestrator is a closed port) or not (400).
        Reply first = client.exchange(lookup(VALID));
        Reply second = client.exchange(lookup("{\"domain\": \"a..b\"}"));
        Reply third = client.exchange(lookup(VALID));
        assertThat(first.status()).isEqualTo(503);
        assertThat(second.status()).isEqualTo(400);
        assertThat(third.status()).isEqualTo(503);
        assertThat(first.header("RateLimit-Policy")).isEqualTo(POLICY);
        assertThat(first.header("RateLimit")).isEqualTo("\"lookups\";r=2;t=10");
        assertThat(second.header("RateLimit")).startsWith("\"lookups\";r=1;t=");
        assertThat(third.header("RateLimit")).startsWith("\"lookups\";r=0;t=");

        Reply limited = client.exchange(lookup(VALID));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(PublicApiPropertyTest.problemViolations(limited)).isEmpty();
        String retryAfter = limited.header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);
        assertThat(limited.header("RateLimit")).isEqualTo("\"lookups\";r=0;t=" + retryAfter);
        assertThat(limited.header("RateLimit-Policy")).isEqualTo(POLICY);
        assertThat(limited.json().get("detail").asString()).contains("3 lookups at once", "try again");

        // The client is its address: a header it writes itself changes nothing.
        Reply forged = client.exchange(lookup(VALID, "X-Forwarded-For: 10.9.8.7\r\nX-Real-IP: 10.9.8.7\r\n"));
        assertThat(forged.status()).isEqualTo(429);

        // Another address has a bucket of its own.
        Reply other = otherClient.exchange(lookup(VALID));
        assertThat(other.status()).isEqualTo(503);
        assertThat(other.header("RateLimit")).isEqualTo("\"lookups\";r=2;t=10");

        // Only lookups count: the page, its options and trace reads go on, without RateLimit fields.
        Reply options = client.exchange(get("/api/v1/record-types"));
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("RateLimit")).isNull();
        assertThat(client.exchange(get("/")).status()).isEqualTo(200);

        Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)).plusMillis(200));

        Reply refilled = client.exchange(lookup(VALID));
        assertThat(refilled.status()).isEqualTo(503);
        assertThat(refilled.header("RateLimit")).startsWith("\"lookups\";r=0;t=");
    }

    private static byte[] lookup(String body) {
        return lookup(body, "");
    }

    private static byte[] lookup(String body, String extraHeaders) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/dns/lookup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders
                + "Content-Length: " + json.length + "\r\nConnection: close\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head8.length + json.length];
        System.arraycopy(head8, 0, request, 0, head8.length);
        System.arraycopy(json, 0, request, head8.length, json.length);
        return request;
    }

    private static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
