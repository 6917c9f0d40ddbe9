package dev.geodig.e2e;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One hand-made span sent as OTLP/JSON, for tests that need a trace the services would not make: a
 * sender refused by the central collector, a child whose parent arrives late.
 *
 * @param parentSpanId {@code null} for a root span
 */
record ProbeSpan(String service, String traceId, String spanId, String parentSpanId, String name) {

    static ProbeSpan root(String service, String traceId, String name) {
        return new ProbeSpan(service, traceId, randomHex(8), null, name);
    }

    ProbeSpan child(String childName) {
        return new ProbeSpan(service, traceId, randomHex(8), spanId, childName);
    }

    /** Sends it to an OTLP/HTTP receiver ({@code http://host:port}); it lasts 1 ms, starting now. */
    HttpJson.Reply send(String otlpHttpUrl, Map<String, String> headers) {
        long now = System.currentTimeMillis() * 1_000_000L;
        String parent = parentSpanId == null ? "" : "\"parentSpanId\":\"%s\",".formatted(parentSpanId);
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
                 "scopeSpans":[{"scope":{"name":"dev.geodig.e2e"},"spans":[{"traceId":"%s","spanId":"%s",%s
                 "name":"%s","kind":1,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(service, traceId, spanId, parent, name, now, now + 1_000_000L);
        return HttpJson.await(HttpJson.postAsync(otlpHttpUrl + "/v1/traces", "application/json", body, headers));
    }

    /** A fresh trace id: 32 hex digits. */
    static String randomTraceId() {
        return randomHex(16);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which OTLP treats as invalid
        return HexFormat.of().formatHex(random);
    }
}
