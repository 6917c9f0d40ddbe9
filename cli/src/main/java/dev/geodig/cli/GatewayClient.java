package dev.geodig.cli;

import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.faults.FaultSettingRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** The calls the client makes to the gateway's HTTP API (docs/messages.md). */
final class GatewayClient {

    /** A gateway on this machine or next door connects at once; longer means it is not there. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A lookup waits for the slowest location, up to the orchestrator's deadline (5 s by default). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final String ACCEPT = "application/json, application/problem+json";

    private final URI base;
    private final HttpClient http;

    /** @param baseUrl the gateway's root, e.g. {@code http://127.0.0.1:8080} (checked by {@link GatewayUrl}) */
    GatewayClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-HTTP request.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An HTTP answer, whatever its status; only a missing answer is an exception. */
    record Response(int status, String body) {
    }

    Response lookup(LookupRequest request) throws GatewayUnreachableException {
        return send(HttpRequest.newBuilder(base.resolve("api/v1/dns/lookup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayJson.write(request), StandardCharsets.UTF_8)));
    }

    Response trace(String traceId) throws GatewayUnreachableException {
        // Whatever was typed stays one path segment: the gateway, not a '/' or '..' in it, decides.
        String segment = URLEncoder.encode(traceId, StandardCharsets.UTF_8).replace("+", "%20");
        return send(HttpRequest.newBuilder(base.resolve("api/v1/traces/" + segment))
                .header("traceparent", unsampledTraceparent())
                .GET());
    }

    /** {@code GET /api/v1/traces?<parameters>}, each name and value percent-encoded as it is. */
    Response traces(List<Map.Entry<String, String>> parameters) throws GatewayUnreachableException {
        String query = parameters.stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve("api/v1/traces" + (query.isEmpty() ? "" : "?" + query)))
                .header("traceparent", unsampledTraceparent())
                .GET());
    }

    /** {@code GET /api/v1/faults}, unsampled like every read: looking at the faults makes no trace. */
    Response faults() throws GatewayUnreachableException {
        return send(HttpRequest.newBuilder(base.resolve("api/v1/faults"))
                .header("traceparent", unsampledTraceparent())
                .GET());
    }

    /**
     * {@code PUT /api/v1/faults/{fault}}: a change, traced like a lookup, so the trace of who switched a fault on is
     * there beside the lookups it broke.
     *
     * @param token the fault-control token, sent as {@code Authorization: Bearer}; {@code null} for none
     */
    Response setFault(String fault, FaultSettingRequest setting, String token) throws GatewayUnreachableException {
        return send(authorized(HttpRequest.newBuilder(base.resolve("api/v1/faults/" + encode(fault))), token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(GatewayJson.write(setting), StandardCharsets.UTF_8)));
    }

    /**
     * {@code DELETE /api/v1/faults[/{fault}][?location=]}: every fault off, one fault off everywhere, or in one location.
     *
     * @param fault {@code null} for every fault
     * @param location {@code null} for everywhere
     */
    Response clearFaults(String fault, String location, String token) throws GatewayUnreachableException {
        String path = "api/v1/faults" + (fault == null ? "" : "/" + encode(fault))
                + (location == null ? "" : "?location=" + encode(location));
        return send(authorized(HttpRequest.newBuilder(base.resolve(path)), token).DELETE());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A W3C traceparent with the sampled flag off, so the gateway's agent records nothing of this
     * request: looking at a trace (and polling while its spans arrive) or searching traces must not add
     * traces to Jaeger (docs/adr/0003). Lookups carry none: they are what the traces are for.
     */
    static String unsampledTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        traceId[0] |= 1; // never the all-zero (invalid) id
        spanId[0] |= 1;
        return "00-" + HexFormat.of().formatHex(traceId) + "-" + HexFormat.of().formatHex(spanId) + "-00";
    }

    private Response send(HttpRequest.Builder request) throws GatewayUnreachableException {
        HttpRequest built = request.header("Accept", ACCEPT).timeout(REQUEST_TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw new GatewayUnreachableException("no answer from the gateway at " + base + " within "
                    + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new GatewayUnreachableException("cannot reach the gateway at " + base + " ("
                    + describe(e) + "); is geodig up? (./geodig up, ./geodig status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnreachableException("interrupted while waiting for the gateway at " + base, e);
        }
    }

    /** What went wrong in words: the JDK's client reports a refused connection as a bare ConnectException. */
    private String describe(IOException e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = e; cause != null && causes.size() < 10; cause = cause.getCause()) {
            causes.add(cause);
        }
        if (causes.stream().anyMatch(c -> c instanceof UnresolvedAddressException || c instanceof UnknownHostException)) {
            return "unknown host " + SafeText.of(base.getHost());
        }
        if (causes.stream().anyMatch(HttpConnectTimeoutException.class::isInstance)) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (causes.stream().anyMatch(ConnectException.class::isInstance)) {
            return "connection refused";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : SafeText.of(e.getMessage());
    }
}
