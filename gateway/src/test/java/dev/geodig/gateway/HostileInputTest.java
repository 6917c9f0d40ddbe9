package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.geodig.gateway.RawHttp.Reply;
import dev.geodig.testkit.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Requests no HTTP client library would send, byte for byte over a real port, each with the answer it
 * must get: a 4xx problem+json naming the field at fault, whoever refuses it, Tomcat while reading the
 * request or Spring MVC after. Among them the issue's own: a lookup declared
 * {@code multipart/form-data} without a boundary, which was a 500. ({@code PublicApiPropertyTest}
 * generates thousands more; these are the named examples.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "geodig.gateway.rate-limit.enabled=false")
class HostileInputTest {

    private static final String LOOKUP = "/api/v1/dns/lookup";
    private static final String BODY = "{\"domain\": \"google.com\"}";

    @DynamicPropertySource
    static void nothingBehind(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    /** Each case: what it is, the request line, extra header lines, the status and the field the problem must name. */
    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                // content types and codings (Spring MVC and the lookup)
                arguments("multipart without a boundary (issue 7)", "POST " + LOOKUP, "Content-Type: multipart/form-data", 415, "Content-Type"),
                arguments("multipart with a boundary", "POST " + LOOKUP, "Content-Type: multipart/form-data; boundary=x", 415, "Content-Type"),
                arguments("a wildcard content type", "POST " + LOOKUP, "Content-Type: */*", 415, "Content-Type"),
                arguments("a wildcard content type to no endpoint", "GET /nothing", "Content-Type: application/*", 415, "Content-Type"),
                arguments("a bogus charset", "POST " + LOOKUP, "Content-Type: application/json; charset=bogus", 415, "Content-Type"),
                arguments("a charset other than UTF-8", "POST " + LOOKUP, "Content-Type: application/json; charset=utf-16", 415, "Content-Type"),
                arguments("a broken parameter", "POST " + LOOKUP, "Content-Type: application/json; charset=\"", 415, "Content-Type"),
                arguments("gzip declared on a plain body", "POST " + LOOKUP, "Content-Type: application/json\r\nContent-Encoding: gzip", 415,
                        "Content-Encoding"),
                arguments("an Accept that is not a media range", "POST " + LOOKUP, "Content-Type: application/json\r\nAccept: garbage", 406,
                        "Accept"),
                arguments("an Accept of HTML only", "GET /api/v1/locations", "Accept: text/html", 406, "Accept"),
                // methods
                arguments("TRACE", "TRACE " + LOOKUP, "", 405, "method"),
                arguments("CONNECT (Tomcat: 501)", "CONNECT 127.0.0.1:80", "", 405, "method"),
                arguments("an unknown method", "BREW " + LOOKUP, "Content-Type: application/json", 405, "method"),
                arguments("a method with an illegal character", "PO(ST " + LOOKUP, "Content-Type: application/json", 400, "method"),
                // paths
                arguments("a NUL in the path", "POST " + LOOKUP + "%00", "Content-Type: application/json", 400, "path"),
                arguments("a path parameter", "POST " + LOOKUP + ";jsessionid=0123", "Content-Type: application/json", 400, "path"),
                arguments("an illegal character in the path", "GET /api/v1/<locations>", "", 400, "path"),
                arguments("a broken %-escape", "GET /api/v1/%zz", "", 400, "path"),
                arguments("an encoded backslash", "GET /ui/..%5capplication.yml", "", 400, "path"),
                arguments("above the root", "GET /../../etc/passwd", "", 400, "path"),
                arguments("a path into WEB-INF", "GET /WEB-INF/web.xml", "", 404, "path"),
                arguments("Boot's error path", "GET /error", "", 404, "path"),
                arguments("a 20 kB path", "GET /" + "a".repeat(20_000), "", 414, "path"),
                arguments("an illegal character in the query", "GET /api/v1/locations?a=|", "", 400, "path"),
                arguments("an invalid trace id", "GET /api/v1/traces/..%2F..%2Fapi", "", 400, "trace_id"),
                // the protocol and the head
                arguments("HTTP/2.0 in an HTTP/1 request line (Tomcat: 505)", "GET /api/v1/locations HTTP/2.0", "", 400, "protocol"),
                arguments("two Host headers", "GET /api/v1/locations", "Host: a.example", 400, "Host"),
                arguments("a Host that is no host", "GET /api/v1/locations", "Host: bad host!", 400, "Host"),
                arguments("an illegal character in a header name", "GET /api/v1/locations", "X-Fo(o: bar", 400, "headers"),
                arguments("a control character in a header value", "GET /api/v1/locations", "X-Foo: b\u0001ar", 400, "headers"),
                arguments("a 20 kB header", "GET /api/v1/locations", "X-Big: " + "a".repeat(20_000), 431, "headers"),
                arguments("200 header lines", "GET /api/v1/locations", String.join("\r\n", manyHeaders(200)), 431, "headers"),
                arguments("two Content-Lengths", "POST " + LOOKUP, "Content-Type: application/json\r\nContent-Length: 3", 400,
                        "Content-Length"),
                arguments("a transfer coding Tomcat does not implement (Tomcat: 501)", "POST " + LOOKUP,
                        "Content-Type: application/json\r\nTransfer-Encoding: gzip", 400, "Transfer-Encoding"),
                arguments("a broken chunked body", "POST " + LOOKUP, "Content-Type: application/json\r\nTransfer-Encoding: chunked", 400,
                        "body"),
                arguments("an expectation other than 100-continue", "POST " + LOOKUP, "Content-Type: application/json\r\nExpect: 200-ok", 417,
                        "Expect"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void answersAProblemNamingTheField(String what, String requestLine, String headers, int status, String field) {
        Reply reply = new RawHttp(port, Duration.ofSeconds(10)).exchange(request(requestLine, headers));

        assertThat(reply.status()).as("%s: %s", what, reply).isEqualTo(status);
        assertThat(PublicApiPropertyTest.problemViolations(reply)).as(what).isEmpty();
        List<String> fields = new ArrayList<>();
        for (JsonNode error : reply.json().get("errors")) {
            fields.add(error.get("field").asString());
        }
        assertThat(fields).as("%s: %s", what, reply.bodyText()).contains(field);
        assertThat(reply.json().get("instance").asString()).startsWith("/");
    }

    /** The request: its line (HTTP/1.1 unless it says), one Host unless the case adds another, the case's headers, a body. */
    private static byte[] request(String requestLine, String headers) {
        String line = requestLine.contains(" HTTP/") ? requestLine : requestLine + " HTTP/1.1";
        boolean chunked = headers.contains("Transfer-Encoding: chunked");
        boolean ownLength = headers.contains("Content-Length") || headers.contains("Transfer-Encoding");
        String body = chunked ? "zz\r\nnot a chunk\r\n0\r\n\r\n" : BODY;
        StringBuilder head = new StringBuilder(line).append("\r\n");
        if (!headers.startsWith("Host: bad")) {
            head.append("Host: 127.0.0.1\r\n");
        }
        if (!headers.isEmpty()) {
            head.append(headers).append("\r\n");
        }
        if (!ownLength || headers.contains("Content-Length")) {
            head.append("Content-Length: ").append(BODY.length()).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> manyHeaders(int count) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            headers.add("X-H" + i + ": v");
        }
        return headers;
    }
}
