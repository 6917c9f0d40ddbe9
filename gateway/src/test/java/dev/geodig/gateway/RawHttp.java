package dev.geodig.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a request exactly as given, byte for byte, over a plain socket, and reads the answer as
 * HTTP/1.1. A test can then send what no HTTP client would: illegal characters in the request line or
 * a header, two Host headers, a bogus Transfer-Encoding, a method no client library lets through.
 */
final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final Duration timeout;
    private final InetAddress from;

    RawHttp(int port, Duration timeout) {
        this(port, timeout, null);
    }

    /**
     * @param from the local address to connect from, to be another client (any of 127.0.0.0/8 reaches the
     *     gateway on 127.0.0.1); the system's choice when null
     */
    RawHttp(int port, Duration timeout, InetAddress from) {
        this.port = port;
        this.timeout = timeout;
        this.from = from;
    }

    /**
     * What came back. {@code status} is -1 when the server answered without a status line (Tomcat
     * answers an HTTP/0.9-looking request with the body alone), and {@code timedOut} says the server
     * neither answered nor closed the connection in time: a hang.
     */
    record Reply(int status, Map<String, List<String>> headers, byte[] body, boolean timedOut, byte[] raw) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON; null when it is not JSON. */
        JsonNode json() {
            try {
                return body.length == 0 ? null : JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        @Override
        public String toString() {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            return timedOut ? "(no answer in time) " + printable(text, 600) : printable(text, 1200);
        }
    }

    /**
     * Sends {@code request}, then half-closes the connection so that a server waiting for more body
     * sees the end at once instead of waiting for its own timeout, and reads until the server closes.
     */
    Reply exchange(byte[] request) {
        try (Socket socket = from == null ? new Socket(InetAddress.getLoopbackAddress(), port)
                : new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedWhileSending) {
                // The server may answer and close before it read everything (an oversized head): read what it said.
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean timedOut = false;
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    timedOut = true;
                    break;
                } catch (IOException reset) {
                    break;
                }
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
            }
            return parse(received.toByteArray(), timedOut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last final (non-1xx) response in {@code raw}, its chunked body decoded. */
    static Reply parse(byte[] raw, boolean timedOut) {
        int offset = 0;
        while (true) {
            if (!startsWith(raw, offset, "HTTP/")) {
                return new Reply(-1, Map.of(), Arrays.copyOfRange(raw, offset, raw.length), timedOut, raw);
            }
            int headEnd = indexOf(raw, offset, "\r\n\r\n");
            if (headEnd < 0) {
                return new Reply(-1, Map.of(), Arrays.copyOfRange(raw, offset, raw.length), timedOut, raw);
            }
            String head = new String(raw, offset, headEnd - offset, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = Integer.parseInt(statusLine[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            int bodyStart = headEnd + 4;
            if (status >= 100 && status < 200) {
                offset = bodyStart;
                continue;
            }
            byte[] body = Arrays.copyOfRange(raw, bodyStart, raw.length);
            List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
            if (encoding.stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
                body = dechunk(body);
            }
            return new Reply(status, headers, body, timedOut, raw);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = indexOf(chunked, position, "\r\n");
            if (lineEnd < 0) {
                break;
            }
            String sizeField = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int semicolon = sizeField.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.write(chunked, start, Math.min(size, chunked.length - start));
            position = start + size + 2;
        }
        return body.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int offset, String prefix) {
        if (bytes.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int from, String needle) {
        outer:
        for (int i = from; i <= bytes.length - needle.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (bytes[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Control characters shown as escapes, and long text cut, for failure messages. */
    static String printable(String text, int max) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\n') {
                shown.append("\\n\n");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                shown.append(String.format("\\x%02x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.length() >= max ? shown + "…(" + text.length() + " chars)" : shown.toString();
    }
}
