package dev.geodig.gateway;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Generated requests to the public API as a client could send them, byte for byte: a valid request to
 * one endpoint, then zero to three mutations of its request line, headers or body. Each mutation
 * knows what it does to the request (nothing, a rejection naming a field, or either), and so the
 * case knows what its answer must be.
 */
final class HostileRequests {

    /** The public endpoints, each with a valid request and what it answers when it goes through. */
    enum Endpoint {
        LOOKUP("POST", "/api/v1/dns/lookup", LookupBodies.ACCEPTED, true),
        LOCATIONS("GET", "/api/v1/locations", 200, true),
        RECORD_TYPES("GET", "/api/v1/record-types", 200, true),
        // Jaeger's query API is a closed port in the test: a valid id goes through to a 503.
        TRACE("GET", "/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736", 503, true),
        // No flag file in the test: the faults are "unavailable", and reading them is a 200 all the same.
        FAULTS("GET", "/api/v1/faults", 200, true),
        PAGE("GET", "/", 200, false),
        PAGE_FILE("GET", "/ui/app.js", 200, false);

        final String method;
        final String path;
        final int acceptedStatus;
        final boolean json;

        Endpoint(String method, String path, int acceptedStatus, boolean json) {
            this.method = method;
            this.path = path;
            this.acceptedStatus = acceptedStatus;
            this.json = json;
        }
    }

    /** One generated request: its bytes, what was done to it, and what must come back. */
    record Case(String description, String method, byte[] bytes, Expectation expect) {
        @Override
        public String toString() {
            return description + " -> expected " + expect + "\n" + RawHttp.printable(new String(bytes, StandardCharsets.ISO_8859_1), 1500);
        }
    }

    /** What a mutation does to the request, as far as it can tell. */
    private record Effect(Kind kind, Set<String> fields, int acceptedStatus) {
        enum Kind { HARMLESS, UNSURE, REJECTS, WILD }

        static final Effect HARMLESS = new Effect(Kind.HARMLESS, Set.of(), 0);
        static final Effect WILD = new Effect(Kind.WILD, Set.of(), 0);

        static Effect rejects(String... fields) {
            return new Effect(Kind.REJECTS, Set.of(fields), 0);
        }

        static Effect unsure(String... fields) {
            return new Effect(Kind.UNSURE, Set.of(fields), 0);
        }
    }

    /** A request being built: every part as the client would write it. */
    private static final class Draft {
        final Endpoint endpoint;
        String method;
        String path;
        String query = "";
        String version = "HTTP/1.1";
        String requestLine;                       // when set, replaces method, target and version as they are
        final List<String[]> headers = new ArrayList<>();
        byte[] body = new byte[0];
        boolean chunked;
        byte[] rawChunkedBody;                    // a chunked body written by hand, possibly broken
        boolean automaticLength = true;
        boolean hostHeader = true;
        Effect bodyEffect = Effect.HARMLESS;      // what the body mutation expects of the whole body
        boolean bodyCut;                          // a Content-Length shorter than the body: the server reads a part
        final List<String> done = new ArrayList<>();

        Draft(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.method = endpoint.method;
            this.path = endpoint.path;
        }

        boolean http11() {
            return version.equals("HTTP/1.1");
        }

        void setHeader(String name, String value) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            headers.add(new String[] {name, value});
        }

        void removeHeader(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String line = requestLine != null ? requestLine : method + " " + path + query + " " + version;
            write(out, line + "\r\n");
            if (hostHeader) {
                write(out, "Host: 127.0.0.1\r\n");
            }
            for (String[] header : headers) {
                write(out, header[0] + ": " + header[1] + "\r\n");
            }
            byte[] content = body;
            if (chunked) {
                write(out, "Transfer-Encoding: chunked\r\n");
                content = rawChunkedBody != null ? rawChunkedBody : chunk(body);
            } else if (automaticLength && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
                write(out, "Content-Length: " + body.length + "\r\n");
            }
            write(out, "Connection: close\r\n\r\n");
            out.writeBytes(content);
            return out.toByteArray();
        }

        private static byte[] chunk(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int position = 0;
            while (position < body.length) {
                int size = Math.min(1000, body.length - position);
                write(out, Integer.toHexString(size) + "\r\n");
                out.write(body, position, size);
                write(out, "\r\n");
                position += size;
            }
            write(out, "0\r\n\r\n");
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String text) {
            // Header bytes as sent on the wire: a char above 0xff is sent as its UTF-8 bytes.
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c <= 0xff) {
                    out.write(c);
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private interface Mutation {
        Effect apply(Draft draft);
    }

    private final RandomGenerator random;
    private final LookupBodies bodies;
    private final int maxBodyBytes;
    private final List<Mutation> mutations = List.of(
            this::version, this::method, this::path, this::query, this::contentType, this::contentEncoding, this::body,
            this::transferEncoding, this::contentLength, this::expect, this::accept, this::host, this::badHeader,
            this::harmlessHeader, this::range, this::requestLine);

    HostileRequests(RandomGenerator random, int maxBodyBytes) {
        this.random = random;
        this.bodies = new LookupBodies(random, maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    Case next() {
        Endpoint endpoint = pick(Endpoint.values());
        Draft draft = new Draft(endpoint);
        if (endpoint == Endpoint.LOOKUP) {
            draft.setHeader("Content-Type", "application/json");
            draft.body = bodies.valid().bytes();
        }
        if (endpoint.json && random.nextBoolean()) {
            draft.setHeader("Accept", "application/json");
        }
        int count = switch (random.nextInt(10)) {
            case 0, 1 -> 0;
            case 2, 3, 4, 5, 6 -> 1;
            case 7, 8 -> 2;
            default -> 3;
        };
        // In the order Tomcat and Spring read a request, so each mutation sees what came before it.
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < count) {
            chosen.add(random.nextInt(mutations.size()));
        }
        List<Effect> effects = new ArrayList<>();
        for (int i = 0; i < mutations.size(); i++) {
            if (chosen.contains(i)) {
                effects.add(mutations.get(i).apply(draft));
            }
        }
        if (draft.bodyCut && draft.bodyEffect.kind() == Effect.Kind.REJECTS) {
            // What the body mutation refused (too big, not JSON) may not be in the part the server reads.
            Effect cut = draft.bodyEffect;
            effects.replaceAll(effect -> effect == cut ? Effect.unsure("body", "Content-Length") : effect);
        }
        String description = endpoint + (draft.done.isEmpty() ? " as it is" : ": " + String.join("; ", draft.done));
        return new Case(description, draft.requestLine != null ? "" : draft.method, draft.bytes(), expectation(endpoint, effects));
    }

    /** A lookup with a well-formed request line and headers and {@code body}: only the body is under test. */
    static Case lookupWith(LookupBodies.Body body) {
        Draft draft = new Draft(Endpoint.LOOKUP);
        draft.setHeader("Content-Type", "application/json");
        draft.body = body.bytes();
        return new Case("LOOKUP with body: " + body.kind(), "POST", draft.bytes(), body.expect());
    }

    private static Expectation expectation(Endpoint endpoint, List<Effect> effects) {
        if (effects.stream().anyMatch(e -> e.kind() == Effect.Kind.WILD)) {
            return Expectation.anythingButAServerError();
        }
        Set<String> fields = new HashSet<>();
        effects.stream().filter(e -> e.kind() != Effect.Kind.HARMLESS).forEach(e -> fields.addAll(e.fields()));
        int accepted = effects.stream().mapToInt(Effect::acceptedStatus).filter(s -> s != 0).findFirst()
                .orElse(endpoint.acceptedStatus);
        if (effects.stream().anyMatch(e -> e.kind() == Effect.Kind.REJECTS)) {
            // A refusal that names no field (the faults' 403) may be the one that answers: then any field will do.
            boolean unnamed = effects.stream().anyMatch(e -> e.kind() == Effect.Kind.REJECTS && e.fields().isEmpty());
            return Expectation.rejected(unnamed ? Set.of() : fields);
        }
        if (effects.stream().anyMatch(e -> e.kind() == Effect.Kind.UNSURE)) {
            return Expectation.either(accepted, fields);
        }
        return Expectation.accepted(accepted);
    }

    private Effect version(Draft draft) {
        String version = pick("HTTP/1.0", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "HTTP/3", "http/1.1", "FOO/1.1", "HTTP/1.1x",
                "HTTP/1");
        draft.version = version;
        draft.done.add("version " + version);
        return version.equals("HTTP/1.0") ? Effect.HARMLESS : Effect.rejects("protocol");
    }

    private Effect method(Draft draft) {
        String method = pick("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO",
                "post", "Get", "M-SEARCH", "G(ET", "PO@ST", "GE\"T", "GET,", "X".repeat(1 + random.nextInt(40)));
        draft.method = method;
        draft.done.add("method " + method);
        boolean allowed = draft.endpoint.method.equals(method)
                || (draft.endpoint.method.equals("GET") && method.equals("HEAD"));
        if (allowed) {
            return Effect.HARMLESS;
        }
        if (draft.endpoint == Endpoint.FAULTS && method.equals("DELETE")) {
            // Clearing the faults is a change, refused (403) whoever asks: a refusal of the whole request, naming no field.
            return Effect.rejects();
        }
        if (method.equals("OPTIONS")) {
            // RFC 9110 9.3.7: a server answers OPTIONS with what the resource allows (200 and Allow), whatever
            // the body or its type; only what Tomcat refuses while reading the request makes it an error.
            return Effect.WILD;
        }
        return Effect.rejects("method");
    }

    private Effect path(Draft draft) {
        String original = draft.path;
        String path = switch (random.nextInt(16)) {
            case 0 -> original + ";jsessionid=" + Long.toHexString(random.nextLong());
            case 1 -> insert(original, ";v=1");
            case 2 -> original + "%00";
            case 3 -> insert(original, "%2F");
            case 4 -> insert(original, pick("%5C", "%5c", "\\"));
            case 5 -> insert(original, pick("<", ">", "\"", "{", "}", "|", "^", "`", "[", "]"));
            case 6 -> original + pick("%zz", "%", "%f", "%ff", "%c0%af", "ö", "\u00e9");
            case 7 -> pick("/api/v1/../v1/dns/lookup", "/api/v1/dns/%2e%2e/lookup", "/../../etc/passwd", "/ui/%2e%2e/application.yml",
                    "/ui/../../application.yml", "/./api/v1/locations", "/api/v1/./locations");
            case 8 -> original.replaceFirst("/", "//");
            case 9 -> original.endsWith("/") ? original + "index.html/" : original + "/";
            case 10 -> original.toUpperCase(Locale.ROOT);
            case 11 -> original + "/" + "a".repeat(100 + random.nextInt(20_000));
            case 12 -> pick("/api/v1/dns/lookups", "/api/v2/dns/lookup", "/error", "/actuator/env", "/WEB-INF/web.xml",
                    "/META-INF/MANIFEST.MF", "/ui/", "/ui", "/api", "/favicon.ico", "/index.html", "/ui/nothing.js", "/%2e/ui/app.js");
            case 13 -> "/api/v1/traces/" + pick("xyz", "", "0".repeat(32), "4bf92f3577b34da6a3ce929d0e0e4736%2F..",
                    "4bf92f3577b34da6a3ce929d0e0e473", "%00" + "a".repeat(31), "4BF92F3577B34DA6A3CE929D0E0E473G");
            case 14 -> pick("*", "http://evil.example/api/v1/locations", "http://127.0.0.1/api/v1/locations", "api/v1/locations",
                    "https://127.0.0.1/", "ftp://x/", "//evil.example/api/v1/locations", "http://127.0.0.1");
            default -> original + "/" + percentEncoded(1 + random.nextInt(30));
        };
        if (path.equals(original)) {
            return Effect.HARMLESS;
        }
        draft.path = path;
        draft.done.add("path " + RawHttp.printable(path, 80));
        if (path.contains("://")) {
            // The absolute form of a request target (RFC 9112 3.2.2): valid when its authority is the Host
            // header's (or, in HTTP/1.0, whatever it is), for whatever endpoint its path names.
            return Effect.WILD;
        }
        if (draft.endpoint == Endpoint.PAGE_FILE && path.startsWith("/ui/")
                && (path.equals(original + "/") || path.toUpperCase(Locale.ROOT).contains("%2F"))) {
            // Spring's resource handler decodes and cleans the file's path within /ui/ (never out of it, PageTest):
            // app.js/ and %2Fapp.js are app.js.
            return Effect.unsure("path");
        }
        if (path.contains("/./") || path.startsWith("/%2e/") || path.startsWith("//")) {
            // Dot segments and empty segments: whether they resolve is Tomcat's normalization against Spring's raw matching.
            return Effect.unsure("path", "method");
        }
        return Effect.rejects("path", "trace_id", "method", "Host");
    }

    private Effect query(Draft draft) {
        String query = switch (random.nextInt(6)) {
            case 0 -> "?" + pick("a=%zz", "%00", "domain=evil.com", "callback=x", "a", "=", "&&", "a=%ff", "q=%E2%80%AE");
            case 1 -> "?" + pick("a=|", "a={}", "a=<script>", "a=\"", "a=`", "a=\\", "a=^", "a=ö");
            case 2 -> "?" + "a=b&".repeat(1 + random.nextInt(3000));
            case 3 -> "?" + "x".repeat(1 + random.nextInt(12_000));
            case 4 -> "?";
            default -> "?" + percentEncoded(1 + random.nextInt(50));
        };
        draft.query = query;
        draft.done.add("query " + RawHttp.printable(query, 60));
        boolean illegal = query.chars().anyMatch(c -> "|{}<>\"`\\^".indexOf(c) >= 0 || c > 0x7e);
        if (illegal) {
            return Effect.rejects("path", "query");
        }
        if (draft.path.length() + query.length() > 3_000) {
            // Long enough to be what makes the head too large (8 KiB), with the headers that come with it.
            return Effect.unsure("path", "query");
        }
        return Effect.HARMLESS;
    }

    private Effect contentType(Draft draft) {
        boolean lookup = draft.endpoint == Endpoint.LOOKUP;
        if (random.nextInt(6) == 0) {
            draft.removeHeader("Content-Type");
            draft.done.add("no Content-Type");
            return lookup ? Effect.rejects("Content-Type") : Effect.HARMLESS;
        }
        if (random.nextInt(6) == 0) {
            draft.headers.add(new String[] {"Content-Type", pick("text/plain", "application/json")});
            draft.done.add("two Content-Type headers");
            return lookup ? Effect.unsure("Content-Type") : Effect.HARMLESS;
        }
        String type = pick("application/json; charset=utf-8", "application/json;charset=UTF-8", "APPLICATION/JSON",
                "application/json; foo=bar", "application/json; charset=\"utf-8\"", "application/json ; charset=utf-8",
                "multipart/form-data", "multipart/form-data; boundary=x", "multipart/mixed", "multipart/form-data; boundary=",
                "*/*", "application/*", "*", "text/plain", "text/json", "application/x-www-form-urlencoded",
                "application/problem+json", "application/json; charset=bogus", "application/json; charset=utf-16",
                "application/json; charset=iso-8859-1", "garbage", "", "application/json, text/plain", "application/json; charset=\"",
                "application/jsön", "application/json;;;", "application/json; charset", "application/json; =x",
                "application/json; q=0", "application/json\u0000", "application/json " + "x".repeat(300));
        draft.setHeader("Content-Type", type);
        draft.done.add("Content-Type " + RawHttp.printable(type, 60));
        if (type.contains("\u0000")) {
            return Effect.rejects("headers", "Content-Type");
        }
        if (type.equals("*/*") || type.equals("application/*") || type.equals("*")) {
            // No body has a wildcard type: refused for every endpoint, with a body or not.
            return Effect.rejects("Content-Type");
        }
        if (!lookup) {
            return Effect.HARMLESS;
        }
        return switch (type) {
            case "application/json; charset=utf-8", "application/json;charset=UTF-8", "APPLICATION/JSON", "application/json; foo=bar",
                    "application/json; charset=\"utf-8\"", "application/json ; charset=utf-8" -> Effect.HARMLESS;
            case "application/json;;;", "application/json; charset", "application/json; =x", "application/json; q=0" ->
                    Effect.unsure("Content-Type");
            default -> Effect.rejects("Content-Type");
        };
    }

    private Effect contentEncoding(Draft draft) {
        String coding = pick("gzip", "deflate", "br", "compress", "x-gzip", "zstd", "gzip, identity", "bogus", "identity", "IDENTITY");
        draft.setHeader("Content-Encoding", coding);
        draft.done.add("Content-Encoding " + coding);
        if (coding.equalsIgnoreCase("identity") || draft.endpoint != Endpoint.LOOKUP) {
            return Effect.HARMLESS;
        }
        return Effect.rejects("Content-Encoding");
    }

    private Effect transferEncoding(Draft draft) {
        switch (random.nextInt(5)) {
            case 0 -> {
                draft.chunked = true;
                draft.done.add("chunked body");
                return Effect.HARMLESS;
            }
            case 1 -> {
                draft.chunked = true;
                String chunks = pick("zz\r\nabc\r\n0\r\n\r\n", "5\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
                        "-1\r\nabc\r\n", "ffffffffffffffff\r\nabc\r\n", "3;ext=\"\r\nabc\r\n0\r\n\r\n", "3\nabc\n0\n\n");
                draft.rawChunkedBody = chunks.getBytes(StandardCharsets.ISO_8859_1);
                draft.done.add("broken chunked body " + RawHttp.printable(chunks, 40));
                // A chunk extension and bare line feeds may be read leniently; the others cannot be read at all.
                return chunks.contains(";ext") || !chunks.contains("\r")
                        ? Effect.unsure("body", "Transfer-Encoding") : Effect.rejects("body", "Transfer-Encoding");
            }
            case 2 -> {
                String coding = pick("gzip", "bogus", "gzip, chunked", "chunked, gzip", "chunked, chunked", "x", "chunked;q=1", "\"chunked\"");
                draft.setHeader("Transfer-Encoding", coding);
                draft.automaticLength = false;
                draft.done.add("Transfer-Encoding " + coding);
                return Effect.rejects("Transfer-Encoding", "body");
            }
            case 3 -> {
                draft.setHeader("Transfer-Encoding", "identity");
                draft.done.add("Transfer-Encoding identity");
                return Effect.unsure("Transfer-Encoding", "body");
            }
            default -> {
                // Both delimitations at once, the shape of request smuggling: Tomcat drops the length (RFC 9112 6.3).
                draft.chunked = true;
                draft.setHeader("Content-Length", String.valueOf(1 + random.nextInt(50)));
                draft.done.add("chunked with a Content-Length");
                return Effect.unsure("Transfer-Encoding", "Content-Length", "body");
            }
        }
    }

    private Effect contentLength(Draft draft) {
        if (draft.chunked) {
            return Effect.HARMLESS;
        }
        int actual = draft.body.length;
        String value = switch (random.nextInt(7)) {
            case 0 -> pick("abc", "-1", "1.5", "0x10", "", "99999999999999999999", " 1 2");
            case 1 -> actual + ", " + (actual + 1);
            case 2 -> String.valueOf(Math.max(0, actual - 1 - random.nextInt(Math.max(1, actual))));
            case 3 -> String.valueOf(actual + 1 + random.nextInt(100));
            case 4 -> "+" + actual;
            case 5 -> actual + ", " + actual;
            default -> "0" + actual;
        };
        draft.automaticLength = false;
        draft.setHeader("Content-Length", value);
        draft.done.add("Content-Length " + value + " for " + actual + " bytes");
        if (value.equals(String.valueOf(actual)) || value.equals("0" + actual)) {
            return Effect.HARMLESS;
        }
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            // A body shorter or longer than announced: read as far as it goes, or to the end of what was sent.
            draft.bodyCut = new BigInteger(value).compareTo(BigInteger.valueOf(actual)) < 0;
            return Effect.unsure("body", "Content-Length");
        }
        if (value.startsWith("+") || value.equals(actual + ", " + actual)) {
            return Effect.unsure("Content-Length");
        }
        return Effect.rejects("Content-Length");
    }

    private Effect expect(Draft draft) {
        String value = pick("100-continue", "100-Continue", "bogus", "200-ok", "100-continue, foo");
        draft.setHeader("Expect", value);
        draft.done.add("Expect " + value);
        if (value.equalsIgnoreCase("100-continue") || !draft.http11()) {
            return Effect.HARMLESS;
        }
        return Effect.rejects("Expect");
    }

    private Effect accept(Draft draft) {
        String value = pick("application/json", "*/*", "application/*", "application/json, application/problem+json",
                "*/*;q=0.1", "text/html, */*;q=0.8", "text/html", "image/png", "application/xml", "application/problem+json",
                "a/b/c", "garbage", "application/json;q=x", "", "*/*;q=0", "text/*", "application/json; charset=bogus",
                "application/json, " + "x/y, ".repeat(200) + "z/z");
        draft.setHeader("Accept", value);
        draft.done.add("Accept " + RawHttp.printable(value, 60));
        if (!draft.endpoint.json) {
            return Effect.unsure("Accept");
        }
        return switch (value) {
            case "application/json", "*/*", "application/*", "application/json, application/problem+json", "*/*;q=0.1",
                    "text/html, */*;q=0.8" -> Effect.HARMLESS;
            case "text/html", "image/png", "application/xml", "application/problem+json", "a/b/c", "garbage", "text/*" ->
                    Effect.rejects("Accept");
            default -> Effect.unsure("Accept");
        };
    }

    private Effect host(Draft draft) {
        switch (random.nextInt(4)) {
            case 0 -> {
                draft.hostHeader = false;
                draft.done.add("no Host");
                return draft.http11() ? Effect.rejects("Host") : Effect.HARMLESS;
            }
            case 1 -> {
                draft.headers.add(new String[] {"Host", "evil.example"});
                draft.done.add("two Host headers");
                return Effect.rejects("Host");
            }
            default -> {
                draft.hostHeader = false;
                String value = pick("bad host!", "[::1", "a@b", "localhost:99999", "exa_mple.com", "", "example.com:8080",
                        "[::1]:80", "..", "host:port", "ho\tst");
                draft.headers.addFirst(new String[] {"Host", value});
                draft.done.add("Host " + RawHttp.printable(value, 40));
                return switch (value) {
                    case "", "example.com:8080", "[::1]:80" -> Effect.HARMLESS;
                    case "bad host!", "[::1", "a@b", "host:port" -> Effect.rejects("Host");
                    default -> Effect.unsure("Host");
                };
            }
        }
    }

    private Effect badHeader(Draft draft) {
        switch (random.nextInt(5)) {
            case 0 -> {
                String name = pick("X-Foo(", "X Foo", "X-Foo\u0001", "X:Foo", "\"X\"", "X-Fö", "X-Foo ");
                draft.headers.add(new String[] {name, "bar"});
                draft.done.add("header name " + RawHttp.printable(name, 20));
                return name.equals("X:Foo") ? Effect.HARMLESS : Effect.rejects("headers");
            }
            case 1 -> {
                String value = pick("b\u0001ar", "b\u007far", "bar\u0000", "b\rar");
                draft.headers.add(new String[] {"X-Foo", value});
                draft.done.add("header value " + RawHttp.printable(value, 20));
                return Effect.rejects("headers");
            }
            case 2 -> {
                int size = 9_000 + random.nextInt(20_000);
                draft.headers.add(new String[] {"X-Big", "a".repeat(size)});
                draft.done.add("a header of " + size + " bytes");
                return Effect.rejects("headers");
            }
            case 3 -> {
                int count = 101 + random.nextInt(200);
                for (int i = 0; i < count; i++) {
                    draft.headers.add(new String[] {"X-H" + i, "v"});
                }
                draft.done.add(count + " headers");
                return Effect.rejects("headers");
            }
            default -> {
                draft.headers.add(new String[] {"X-Folded", "a\r\n b"});
                draft.done.add("obsolete line folding");
                return Effect.unsure("headers");
            }
        }
    }

    private Effect harmlessHeader(Draft draft) {
        String[] header = pick(
                new String[] {"X-Forwarded-For", "garbage, ::, 999.1.1.1"},
                new String[] {"X-Forwarded-Proto", "gopher"},
                new String[] {"X-Forwarded-Host", "evil.example"},
                new String[] {"X-Forwarded-Port", "abc"},
                new String[] {"Forwarded", "for=\""},
                new String[] {"X-Real-IP", "10.0.0.1"},
                new String[] {"traceparent", "zz-zz"},
                new String[] {"traceparent", "00-00000000000000000000000000000000-0000000000000000-01"},
                new String[] {"tracestate", "=,=,"},
                new String[] {"baggage", "a=%zz"},
                new String[] {"Cookie", "a=b; $Version=1; c=\"d"},
                new String[] {"Cookie", "JSESSIONID=" + "x".repeat(100)},
                new String[] {"Origin", "http://evil.example"},
                new String[] {"Referer", "javascript:alert(1)"},
                new String[] {"User-Agent", "x".repeat(2000)},
                new String[] {"Accept-Charset", "bogus"},
                new String[] {"Accept-Language", "!!!;q=x"},
                new String[] {"Accept-Encoding", "gzip, br, zstd, *;q=0"},
                new String[] {"TE", "trailers"},
                new String[] {"Max-Forwards", "-1"},
                new String[] {"If-Modified-Since", "yesterday"},
                new String[] {"If-None-Match", "\""},
                new String[] {"Upgrade", "h2c"},
                new String[] {"Upgrade", "websocket"},
                new String[] {"Authorization", "Basic !!!"},
                new String[] {"X-Obs-Text", "caf\u00e9"},
                new String[] {"Content-Language", "x-klingon"},
                new String[] {"Access-Control-Request-Method", "DELETE"});
        draft.headers.add(header);
        draft.done.add("header " + header[0] + ": " + RawHttp.printable(header[1], 30));
        return Effect.HARMLESS;
    }

    private Effect range(Draft draft) {
        String value = pick("bytes=999999-", "bytes=z-y", "bytes=0-10", "bytes=-0", "items=0-1");
        draft.setHeader("Range", value);
        draft.done.add("Range " + value);
        if (draft.endpoint == Endpoint.PAGE || draft.endpoint == Endpoint.PAGE_FILE) {
            // A static file honours ranges: a part of it (206), or 416 when none can be given.
            return value.equals("bytes=0-10") ? new Effect(Effect.Kind.UNSURE, Set.of("Range"), 206) : Effect.unsure("Range");
        }
        return Effect.HARMLESS;
    }

    private Effect body(Draft draft) {
        if (draft.endpoint == Endpoint.LOOKUP) {
            LookupBodies.Body body = bodies.next();
            draft.body = body.bytes();
            draft.done.add("body: " + body.kind());
            Expectation expect = body.expect();
            if (!expect.mayBeRejected()) {
                return Effect.HARMLESS;
            }
            draft.bodyEffect = new Effect(expect.mayBeAccepted() ? Effect.Kind.UNSURE : Effect.Kind.REJECTS, expect.fields(), 0);
            return draft.bodyEffect;
        }
        int size = random.nextInt(4) == 0 ? maxBodyBytes + 1 + random.nextInt(maxBodyBytes) : random.nextInt(200);
        byte[] body = new byte[size];
        random.nextBytes(body);
        draft.body = body;
        draft.done.add("a body of " + size + " random bytes");
        draft.bodyEffect = size > maxBodyBytes ? Effect.rejects("body") : Effect.HARMLESS;
        return draft.bodyEffect;
    }

    private Effect requestLine(Draft draft) {
        String line = pick("GET\t/ HTTP/1.1", "GET  / HTTP/1.1", "GET / HTTP/1.1 extra", "get / http/1.1", "GET", "GET /",
                " GET / HTTP/1.1", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003", "GET / HTTP/1.1\u0000",
                "\r\nGET / HTTP/1.1", "GET /\u0000 HTTP/1.1", "PRI * HTTP/2.0", "GET " + "/".repeat(9000) + " HTTP/1.1");
        draft.requestLine = line;
        draft.done.add("request line " + RawHttp.printable(line, 60));
        return Effect.WILD;
    }

    /** {@code text} with {@code piece} inserted at a random place after its leading slash. */
    private String insert(String text, String piece) {
        int at = 1 + random.nextInt(text.length());
        return text.substring(0, at) + piece + text.substring(at);
    }

    private String percentEncoded(int length) {
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < length; i++) {
            encoded.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return encoded.toString();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
