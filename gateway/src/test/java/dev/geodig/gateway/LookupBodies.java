package dev.geodig.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Generated bodies for {@code POST /api/v1/dns/lookup}, valid and broken, each with what the gateway
 * must make of it: valid-ish and broken JSON, wrong types, huge, Unicode and control-character
 * strings, duplicates, extra fields.
 */
final class LookupBodies {

    /** One generated body and what its answer must be. */
    record Body(String kind, byte[] bytes, Expectation expect) {

        static Body of(String kind, String json, Expectation expect) {
            return new Body(kind, json.getBytes(StandardCharsets.UTF_8), expect);
        }
    }

    static final int ACCEPTED = 503;
    static final List<String> LOCATIONS = List.of("us-east-1", "eu-west-1", "asia-south-1");
    static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "CAA", "SRV", "PTR", "DS",
            "DNSKEY", "HTTPS", "SVCB");
    private static final Set<String> ANY_FIELD = Set.of();
    private static final String[] TLDS = {"com", "de", "test", "org", "io", "xn--p1ai"};

    private final RandomGenerator random;
    private final int maxBodyBytes;

    LookupBodies(RandomGenerator random, int maxBodyBytes) {
        this.random = random;
        this.maxBodyBytes = maxBodyBytes;
    }

    Body next() {
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> valid();
            case 3 -> brokenJson();
            case 4 -> notAnObject();
            case 5 -> wrongType();
            case 6 -> wrongElementType();
            case 7 -> unknownProperty();
            case 8 -> duplicateKey();
            case 9 -> duplicateElement();
            case 10 -> invalidDomain();
            case 11 -> unicodeDomain();
            case 12 -> unknownLocationOrType();
            case 13 -> huge();
            case 14 -> invalidUtf8();
            default -> deeplyNested();
        };
    }

    /** A request that passes validation: sent on, so 503 from the closed orchestrator port. */
    Body valid() {
        StringBuilder json = new StringBuilder("{");
        List<String> members = new ArrayList<>();
        members.add(quote("domain") + ":" + quote(validDomain()));
        if (random.nextBoolean()) {
            members.add(quote("locations") + ":" + array(subset(LOCATIONS)));
        }
        if (random.nextBoolean()) {
            members.add(quote("record_types") + ":" + array(subset(TYPES).stream().map(this::randomCase).toList()));
        }
        Collections.shuffle(members, new java.util.Random(random.nextLong()));
        json.append(String.join(random.nextBoolean() ? "," : " ,\n ", members)).append("}");
        String text = random.nextInt(4) == 0 ? "\n  " + json + "  \n" : json.toString();
        return Body.of("valid", text, Expectation.accepted(ACCEPTED));
    }

    private Body brokenJson() {
        String valid = new String(valid().bytes(), StandardCharsets.UTF_8).strip();
        return switch (random.nextInt(6)) {
            case 0 -> Body.of("truncated", valid.substring(0, random.nextInt(valid.length() - 1)), rejectedBody());
            case 1 -> Body.of("trailing garbage", valid + pick("}", "{}", ",", "x", "[]", "\"\""), rejectedBody());
            case 2 -> Body.of("single quotes", valid.replace('"', '\''), rejectedBody());
            case 3 -> Body.of("trailing comma", valid.substring(0, valid.length() - 1) + ",}", rejectedBody());
            case 4 -> Body.of("comment", "/* lookup */" + valid, rejectedBody());
            default -> Body.of("not JSON", pick("domain=google.com", "<lookup/>", "NaN", "{domain: \"a.com\"}", "\u0000", " "),
                    rejectedBody());
        };
    }

    private Body notAnObject() {
        String json = pick("null", "true", "42", "-0.5e7", "\"google.com\"", "[]", "[{\"domain\":\"google.com\"}]", "");
        return Body.of("not an object: " + json, json, rejectedBody());
    }

    private Body wrongType() {
        String field = pick("domain", "locations", "record_types");
        String value = field.equals("domain")
                ? pick("123", "true", "false", "[\"google.com\"]", "{\"name\":\"google.com\"}", "1e400", "-0")
                : pick("\"us-east-1\"", "\"A\"", "42", "true", "{\"a\":1}", "{}");
        String json = "{" + (field.equals("domain") ? "" : "\"domain\":\"google.com\",") + quote(field) + ":" + value + "}";
        return Body.of("wrong type for " + field, json, Expectation.rejected(field));
    }

    private Body wrongElementType() {
        boolean locations = random.nextBoolean();
        String field = locations ? "locations" : "record_types";
        List<String> elements = new ArrayList<>(locations ? subset(LOCATIONS).stream().map(LookupBodies::quote).toList()
                : subset(TYPES).stream().map(LookupBodies::quote).toList());
        int at = random.nextInt(elements.size() + 1);
        elements.add(at, pick("1", "true", "[\"A\"]", "{}", "2.5", "[]"));
        String json = "{\"domain\":\"google.com\"," + quote(field) + ":[" + String.join(",", elements) + "]}";
        return Body.of("wrong element type in " + field, json, Expectation.rejected(field + "[" + at + "]"));
    }

    private Body unknownProperty() {
        String name = pick("record_type", "location", "recordTypes", "Domain", "timeout", "ttl", "", "domain ", "__proto__",
                randomWord(1 + random.nextInt(12)));
        if (List.of("domain", "locations", "record_types").contains(name)) {
            name = name + "x";
        }
        String json = "{\"domain\":\"google.com\"," + quote(name) + ":" + pick("1", "[\"A\"]", "null", "\"x\"", "{}") + "}";
        return Body.of("unknown property " + name, json, Expectation.rejected(name));
    }

    private Body duplicateKey() {
        String json = "{\"domain\":\"google.com\",\"locations\":[\"us-east-1\"],"
                + pick("\"domain\":\"evil.com\"", "\"locations\":[\"eu-west-1\"]", "\"domain\":null") + "}";
        return Body.of("duplicate key", json, rejectedBody());
    }

    private Body duplicateElement() {
        boolean locations = random.nextBoolean();
        List<String> values = new ArrayList<>(locations ? subset(LOCATIONS) : subset(TYPES));
        values.add(random.nextInt(values.size() + 1), values.get(random.nextInt(values.size())));
        if (!locations) {
            values = values.stream().map(this::randomCase).toList();
        }
        String field = locations ? "locations" : "record_types";
        return Body.of("duplicate in " + field, "{\"domain\":\"google.com\"," + quote(field) + ":" + array(values) + "}",
                Expectation.rejected(field));
    }

    private Body invalidDomain() {
        String domain = pick("", " ", "a..b", "localhost", "https://google.com/", "google.com/x", " google.com",
                "google.com ", "-a.com", "a-.com", "a_b.com", "*.google.com", "1.2.3.4", "a." + "b".repeat(64) + ".com",
                "a.".repeat(127) + "com", ".", "..", "google\tcom", "google.com\n", "goo\u0000gle.com", "a\u202eb.com",
                "\u200b.com", "a b.com", "@.com", "a%2fb.com", "exa\\mple.com", "\u0007.com");
        return Body.of("invalid domain " + RawHttp.printable(domain, 40), "{\"domain\":" + quote(domain) + "}",
                Expectation.rejected("domain"));
    }

    private Body unicodeDomain() {
        StringBuilder label = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            label.appendCodePoint(randomCodePoint());
        }
        String domain = label + "." + pick(TLDS);
        // Whether a random Unicode label is valid IDN is the validator's business; either answer is fine, never a 500.
        return Body.of("unicode domain", "{\"domain\":" + quote(domain) + "}", Expectation.either(ACCEPTED, Set.of("domain")));
    }

    private Body unknownLocationOrType() {
        boolean location = random.nextBoolean();
        String value = location ? pick("mars-1", "US-EAST-1", "", "us-east-1 ", "\u0000", "us_east_1", "x".repeat(500))
                : pick("ANY", "AXFR", "A ", "", "A\u0000", "TYPE1", "*", "x".repeat(500));
        String field = location ? "locations" : "record_types";
        return Body.of("unknown " + field, "{\"domain\":\"google.com\"," + quote(field) + ":[" + quote(value) + "]}",
                Expectation.rejected(field));
    }

    private Body huge() {
        return switch (random.nextInt(3)) {
            case 0 -> {
                String padding = " ".repeat(maxBodyBytes + 1 + random.nextInt(3 * maxBodyBytes));
                yield Body.of("over the size limit", "{\"domain\":\"google.com\"}" + padding, Expectation.rejected("body"));
            }
            case 1 -> {
                String domain = "a".repeat(254 + random.nextInt(maxBodyBytes / 2)) + ".com";
                yield Body.of("huge domain", "{\"domain\":" + quote(domain) + "}", Expectation.rejected("domain", "body"));
            }
            default -> {
                String key = "k".repeat(100 + random.nextInt(maxBodyBytes / 2));
                yield Body.of("huge unknown key", "{\"domain\":\"google.com\"," + quote(key) + ":1}", Expectation.rejected(ANY_FIELD));
            }
        };
    }

    private Body invalidUtf8() {
        byte[] valid = "{\"domain\":\"google.com\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = valid.clone();
        // Inside the string: a byte no UTF-8 sequence may hold there.
        bytes[12 + random.nextInt(8)] = (byte) pickInt(0xff, 0xc0, 0x80, 0xfe, 0xed);
        return new Body("invalid UTF-8", bytes, Expectation.rejected("body"));
    }

    private Body deeplyNested() {
        int depth = 100 + random.nextInt(3000);
        String json = random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"domain\":\"google.com\",\"x\":" + "{\"a\":".repeat(depth / 6) + "1" + "}".repeat(depth / 6) + "}";
        return Body.of("nested " + depth, json, Expectation.rejected(ANY_FIELD));
    }

    String validDomain() {
        if (random.nextInt(8) == 0) {
            return pick("Bücher.DE", "münchen.de", "例え.テスト", "xn--bcher-kva.de", "_dmarc.google.com", "_sip._tcp.example.org",
                    "WWW.GEODIG.TEST.", "a.b.c.d.e.f.g.h.example");
        }
        int labels = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels; i++) {
            parts.add(randomLabel());
        }
        parts.add(pick(TLDS));
        String domain = String.join(".", parts);
        return random.nextInt(5) == 0 ? domain.toUpperCase(Locale.ROOT) + "." : domain;
    }

    private String randomLabel() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        int length = 1 + random.nextInt(20);
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            label.append(i > 0 && i < length - 1 && random.nextInt(8) == 0 ? '-' : c);
        }
        return label.toString();
    }

    private int randomCodePoint() {
        return switch (random.nextInt(8)) {
            case 0 -> 'a' + random.nextInt(26);
            case 1 -> random.nextInt(0x20);                       // control characters
            case 2 -> 0x80 + random.nextInt(0x780);               // Latin, Greek, Cyrillic, combining marks
            case 3 -> 0x4e00 + random.nextInt(0x5000);            // CJK
            case 4 -> 0x1f300 + random.nextInt(0x300);            // emoji
            case 5 -> pickInt(0x200b, 0x200d, 0x202e, 0xfeff, 0x3002, 0xff0e, 0x0301, 0x00ad, 0xfffd);
            case 6 -> 0x600 + random.nextInt(0x100);              // Arabic (right to left)
            default -> random.nextInt(0x110000) & ~0x800 | 0x20;  // anything but surrogates
        };
    }

    private List<String> subset(List<String> from) {
        List<String> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
        return List.copyOf(shuffled.subList(0, 1 + random.nextInt(shuffled.size())));
    }

    private String randomCase(String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text.toLowerCase(Locale.ROOT);
            case 1 -> text;
            default -> text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        };
    }

    private String randomWord(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    private static Expectation rejectedBody() {
        return Expectation.rejected("body");
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private int pickInt(int... options) {
        return options[random.nextInt(options.length)];
    }

    private static String array(List<String> values) {
        return "[" + String.join(",", values.stream().map(LookupBodies::quote).toList()) + "]";
    }

    /** A JSON string literal; control characters escaped as JSON requires. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
