package dev.geodig.gateway.problem;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.parser.Host;

/**
 * The header fields Tomcat rejects for their values, looked at again as Tomcat checks them, so a
 * {@link ContainerRejection} can name the one at fault. Each check answers why, or {@code null}.
 */
final class HeaderFields {

    private HeaderFields() {
    }

    /** What is wrong with the Host header(s). */
    static String hostProblem(MimeHeaders headers, boolean http11) {
        List<String> hosts = lines(headers, "host");
        if (hosts.size() > 1) {
            return "must be given once, not " + hosts.size() + " times";
        }
        if (hosts.isEmpty()) {
            return http11 ? "is required in HTTP/1.1" : null;
        }
        String host = hosts.getFirst();
        if (host.isEmpty()) {
            return null;
        }
        try {
            int colon = Host.parse(host);
            if (colon >= 0 && !host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                return "has a port that is not a number: " + host;
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a valid host name or address: " + host;
        }
    }

    static String contentLengthProblem(MimeHeaders headers) {
        List<String> lengths = items(headers, "content-length");
        return lengths.size() > 1 || lengths.stream().anyMatch(l -> !isLength(l))
                ? "must be one decimal number of bytes, not " + lengths : null;
    }

    static String transferEncodingProblem(MimeHeaders headers) {
        List<String> codings = items(headers, "transfer-encoding");
        return !codings.isEmpty() && !(codings.size() == 1 && codings.getFirst().equalsIgnoreCase("chunked"))
                ? "only chunked is supported, not " + codings : null;
    }

    /** The items of a list-valued header, over all its lines ({@code a, b} and two lines count the same). */
    static List<String> items(MimeHeaders headers, String name) {
        List<String> items = new ArrayList<>();
        for (String line : lines(headers, name)) {
            for (String item : line.split(",", -1)) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** A Content-Length as Tomcat reads one: decimal digits that fit a long. */
    private static boolean isLength(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    /** The values of every {@code name} header line. */
    private static List<String> lines(MimeHeaders headers, String name) {
        List<String> lines = new ArrayList<>();
        Enumeration<String> found = headers.values(name);
        while (found.hasMoreElements()) {
            lines.add(found.nextElement().strip());
        }
        return lines;
    }
}
