package dev.geodig.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.geodig.gateway.problem.ProblemException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/**
 * Who may change faults, with the client's address given: the gateway's tests run on loopback and cannot bind another
 * address, so a client elsewhere (192.0.2.7, TEST-NET-1) is tried here directly.
 */
class FaultChangeGuardTest {

    private static final String TOKEN = "0123456789abcdef";

    @TempDir
    Path directory;

    private final InetAddress elsewhere = address("192.0.2.7");
    private final InetAddress loopback = address("127.0.0.1");

    private FaultChangeGuard guard(boolean enabled, String token) throws IOException {
        Path tokenFile = null;
        if (token != null) {
            tokenFile = directory.resolve("token");
            Files.writeString(tokenFile, token);
        }
        return new FaultChangeGuard(new GatewayFaultsProperties(directory.resolve("faults.flagd.json"), enabled, tokenFile));
    }

    private static ProblemException refusal(FaultChangeGuard guard, InetAddress client, String host, String authorization) {
        try {
            guard.admit(client, host, authorization);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("admitted " + client + " with Host " + host + " and Authorization " + authorization);
    }

    @Test
    void aClientElsewhereNeedsTheToken() throws IOException {
        FaultChangeGuard guard = guard(true, "  " + TOKEN + "\n");

        ProblemException none = refusal(guard, elsewhere, "gw.example:8080", null);
        assertThat(none.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(none.headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("Authorization"));

        ProblemException wrong = refusal(guard, elsewhere, "gw.example:8080", "Bearer " + TOKEN.substring(1));
        assertThat(wrong.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrong.headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(refusal(guard, elsewhere, null, "Bearer " + TOKEN + "x").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refusal(guard, elsewhere, null, "Basic " + TOKEN).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refusal(guard, elsewhere, null, TOKEN).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refusal(guard, elsewhere, null, "Bearer").status()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(guard.admit(elsewhere, "gw.example:8080", "Bearer " + TOKEN)).isEqualTo(FaultChangeGuard.Admission.TOKEN);
        assertThatCode(() -> guard.admit(elsewhere, null, "bearer  " + TOKEN + " ")).as("the scheme in any case").doesNotThrowAnyException();
    }

    @Test
    void withoutATokenFileOnlyLoopbackClientsMayChangeFaults() throws IOException {
        FaultChangeGuard guard = guard(true, null);

        assertThat(refusal(guard, elsewhere, null, "Bearer anything").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refusal(guard, elsewhere, null, "Bearer ").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(guard.admit(loopback, "127.0.0.1:8080", null)).isEqualTo(FaultChangeGuard.Admission.LOOPBACK);
        assertThatCode(() -> guard.admit(address("::1"), "[::1]:8080", null)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyOrMissingTokenFileMatchesNoToken() throws IOException {
        FaultChangeGuard empty = guard(true, " \n");
        assertThat(refusal(empty, elsewhere, null, "Bearer ").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refusal(empty, elsewhere, null, "Bearer \"\"").status()).isEqualTo(HttpStatus.UNAUTHORIZED);

        FaultChangeGuard missing = new FaultChangeGuard(new GatewayFaultsProperties(directory.resolve("f"), true, directory.resolve("none")));
        assertThat(refusal(missing, elsewhere, null, "Bearer x").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aTokenChangedInItsFileActsAtOnce() throws IOException {
        FaultChangeGuard guard = guard(true, TOKEN);
        Files.writeString(directory.resolve("token"), "rotated");

        assertThat(refusal(guard, elsewhere, null, "Bearer " + TOKEN).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThatCode(() -> guard.admit(elsewhere, null, "Bearer rotated")).doesNotThrowAnyException();
    }

    @Test
    void aLoopbackClientUnderAnotherHostNameIsNotTrusted() throws IOException {
        FaultChangeGuard guard = guard(true, TOKEN);

        // A page whose name was rebound to 127.0.0.1 reaches the gateway from the user's browser, on loopback.
        assertThat(refusal(guard, loopback, "evil.example:8080", null).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refusal(guard, loopback, "127.0.0.1.evil.example", null).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(guard.admit(loopback, "evil.example:8080", "Bearer " + TOKEN)).isEqualTo(FaultChangeGuard.Admission.TOKEN);
        assertThatCode(() -> guard.admit(loopback, "localhost:8080", null)).doesNotThrowAnyException();
    }

    @Test
    void controlOffRefusesEveryoneWith403() throws IOException {
        FaultChangeGuard guard = guard(false, TOKEN);

        ProblemException refused = refusal(guard, loopback, "127.0.0.1", "Bearer " + TOKEN);
        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getMessage()).contains("geodig.gateway.faults.control-enabled=true");
        assertThat(refused.errors()).isEmpty();

        FaultChangeGuard unavailable = new FaultChangeGuard(new GatewayFaultsProperties(null, true, null));
        assertThat(refusal(unavailable, loopback, "127.0.0.1", null).getMessage()).contains("geodig.gateway.faults.flag-file");
    }

    @Test
    void aHostNamesLoopbackOnlyByLocalhostOrALoopbackLiteral() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.1:8080", "127.1.2.3:1", "localhost", "LOCALHOST:8080", "localhost.:80",
            "page.localhost:8080", "[::1]", "[::1]:8080", "[0:0:0:0:0:0:0:1]:8080", "[::ffff:127.0.0.1]:8080"}) {
            assertThat(FaultChangeGuard.namesLoopback(host)).as(host).isTrue();
        }
        for (String host : new String[] {"", "evil.example", "evil.example:8080", "127.0.0.1.nip.io", "128.0.0.1", "999.0.0.1",
            "[::2]:8080", "[::1", "[evil.example]", "localhost.evil.example", "0.0.0.0:8080", "192.0.2.7"}) {
            assertThat(FaultChangeGuard.namesLoopback(host)).as(host).isFalse();
        }
    }

    @Test
    void theRemoteAddressIsReadAsALiteralOnly() {
        assertThat(FaultChangeGuard.client("127.0.0.1").isLoopbackAddress()).isTrue();
        assertThat(FaultChangeGuard.client("0:0:0:0:0:0:0:1").isLoopbackAddress()).isTrue();
        assertThat(FaultChangeGuard.client("192.0.2.7").isLoopbackAddress()).isFalse();
        assertThat(FaultChangeGuard.client("127.0.0.300").isLoopbackAddress()).isFalse();
        assertThat(FaultChangeGuard.client("::ffff:127.0.0.1").isLoopbackAddress()).isTrue();
        assertThat(FaultChangeGuard.client("localhost").isLoopbackAddress()).as("a name is not resolved").isFalse();
        assertThat(FaultChangeGuard.client(null).isLoopbackAddress()).isFalse();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
