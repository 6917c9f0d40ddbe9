package dev.geodig.gateway.faults;

import dev.geodig.contract.Problem.FieldError;
import dev.geodig.contract.faults.FaultsView;
import dev.geodig.gateway.problem.ProblemException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Who may change the faults. Nobody unless {@code geodig.gateway.faults.control-enabled} (403, saying how to enable
 * it); then a loopback client, or any client whose {@code Authorization: Bearer <token>} is the contents of
 * {@code geodig.gateway.faults.token-file}; anyone else gets a 401 with {@code WWW-Authenticate: Bearer}. Every
 * refusal is logged at WARN.
 *
 * <p>The client is the connection's remote address, never a header it could write ({@code X-Forwarded-For}). A
 * loopback client counts only while its {@code Host} names this machine ({@code localhost}, a loopback address):
 * a web page whose own name was rebound to 127.0.0.1 (DNS rebinding) sends its requests from the user's browser on
 * loopback, but under its own name, and must not switch faults on. The header can only take trust away, never give it.
 *
 * <p>The token is read from its file at every change (a new token acts at once) and compared in constant time, as
 * digests of equal length, so the time an answer takes says nothing of how much of a guess was right.
 */
final class FaultChangeGuard {

    private static final String ENABLE_HINT = "set geodig.gateway.faults.control-enabled=true"
            + " (GEODIG_GATEWAY_FAULTS_CONTROL_ENABLED=true) and restart the gateway";

    private static final Logger log = LoggerFactory.getLogger(FaultChangeGuard.class);
    private static final Pattern IPV4_LITERAL = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    /** 0.0.0.0: what a remote address that is not a literal counts as, a client that is not on loopback. */
    private static final InetAddress UNKNOWN_CLIENT = unspecified();
    private static final String BEARER = "Bearer";

    private final String control;
    private final Path tokenFile;

    FaultChangeGuard(GatewayFaultsProperties properties) {
        this.control = properties.control();
        this.tokenFile = properties.tokenFile();
    }

    /** Why a client may change faults: it is on loopback, or it holds the token. */
    enum Admission {
        LOOPBACK, TOKEN
    }

    /**
     * Why this client may change faults; throws the problem that refuses it otherwise.
     *
     * @param client the connection's remote address
     * @param host the request's {@code Host} header; {@code null} when it has none
     * @param authorization the request's {@code Authorization} header; {@code null} when it has none
     */
    Admission admit(InetAddress client, String host, String authorization) {
        String who = client.getHostAddress();
        switch (control) {
            case FaultsView.UNAVAILABLE -> throw refused(who, HttpStatus.FORBIDDEN, "Faults are unavailable: the gateway has no"
                    + " flag file; set geodig.gateway.faults.flag-file (GEODIG_GATEWAY_FAULTS_FLAG_FILE) to the file the"
                    + " services watch, and enable control (" + ENABLE_HINT + ").", List.of(), HttpHeaders.EMPTY);
            case FaultsView.DISABLED -> throw refused(who, HttpStatus.FORBIDDEN, "Changing faults is disabled on this gateway;"
                    + " to allow it, " + ENABLE_HINT + ".", List.of(), HttpHeaders.EMPTY);
            default -> { }
        }
        if (client.isLoopbackAddress() && namesLoopback(host)) {
            return Admission.LOOPBACK;
        }
        byte[] token = token();
        if (authorization != null && token != null && holds(authorization, token)) {
            return Admission.TOKEN;
        }
        HttpHeaders challenge = new HttpHeaders();
        // RFC 6750 section 3.1: a token that was sent and is wrong is invalid_token; none sent gets the bare challenge.
        challenge.set(HttpHeaders.WWW_AUTHENTICATE, authorization == null ? BEARER : BEARER + " error=\"invalid_token\"");
        String reason = token == null
                ? "changes are taken from loopback clients only: this gateway has no geodig.gateway.faults.token-file"
                : authorization == null
                        ? "required from a client that is not on loopback: Bearer and the token of geodig.gateway.faults.token-file"
                        : "is not Bearer with the token of geodig.gateway.faults.token-file";
        throw refused(who, HttpStatus.UNAUTHORIZED, "Changing faults needs a loopback client or the fault-control token.",
                List.of(new FieldError(HttpHeaders.AUTHORIZATION, reason)), challenge);
    }

    private static ProblemException refused(String who, HttpStatus status, String detail, List<FieldError> errors, HttpHeaders headers) {
        log.warn("faults change refused for {}: {} {}", who, status.value(), detail);
        return new ProblemException(status, detail, errors, headers, null);
    }

    /** The digest of the token in the token file, trimmed; {@code null} when there is none or it cannot be read. */
    private byte[] token() {
        if (tokenFile == null) {
            return null;
        }
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            log.warn("the fault-control token file {} cannot be read ({}): only loopback clients may change faults", tokenFile, e.toString());
            return null;
        }
        if (token.isEmpty()) {
            log.warn("the fault-control token file {} is empty: only loopback clients may change faults", tokenFile);
            return null;
        }
        return digest(token);
    }

    /** Whether {@code authorization} is {@code Bearer <token>} (the scheme in any case, RFC 9110 section 11.1). */
    private static boolean holds(String authorization, byte[] tokenDigest) {
        String credentials = authorization.strip();
        int space = credentials.indexOf(' ');
        if (space < 0 || !credentials.substring(0, space).equalsIgnoreCase(BEARER)) {
            return false;
        }
        return MessageDigest.isEqual(digest(credentials.substring(space + 1).strip()), tokenDigest);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Whether a {@code Host} header names this machine: {@code localhost} (or a name under it, RFC 6761) or a loopback
     * address, with any port. No header at all is not a browser's request (every browser sends one), so it passes.
     * Only literals are parsed: nothing here asks DNS.
     */
    static boolean namesLoopback(String host) {
        if (host == null) {
            return true;
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 && isLoopbackLiteral(value.substring(0, end + 1));
        }
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost") || isLoopbackLiteral(name);
    }

    /**
     * Whether {@code literal} is a loopback address written out: 127.0.0.0/8, or {@code [::1]} in brackets (which is
     * how {@link InetAddress#getByName} knows it must be a literal and never asks DNS).
     */
    static boolean isLoopbackLiteral(String literal) {
        Matcher ipv4 = IPV4_LITERAL.matcher(literal);
        if (ipv4.matches()) {
            for (int octet = 1; octet <= 4; octet++) {
                if (Integer.parseInt(ipv4.group(octet)) > 255) {
                    return false;
                }
            }
            return ipv4.group(1).equals("127");
        }
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }

    /** The connection's remote address as Tomcat reports it (always a literal); an unreadable one is no loopback client. */
    static InetAddress client(String remoteAddress) {
        String text = remoteAddress == null ? "" : remoteAddress;
        try {
            Matcher ipv4 = IPV4_LITERAL.matcher(text);
            if (ipv4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(ipv4.group(i + 1));
                    if (octet > 255) {
                        return UNKNOWN_CLIENT;
                    }
                    octets[i] = (byte) octet;
                }
                return InetAddress.getByAddress(octets);
            }
            String bracketed = "[" + text + "]";
            if (IPV6_LITERAL.matcher(bracketed).matches()) {
                return InetAddress.getByName(bracketed);
            }
        } catch (UnknownHostException notALiteral) {
            // falls through
        }
        return UNKNOWN_CLIENT;
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
