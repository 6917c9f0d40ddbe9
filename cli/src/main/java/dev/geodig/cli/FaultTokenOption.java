package dev.geodig.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --token-file}, mixed into the commands that change faults: the file holding the gateway's fault-control token
 * (its {@code geodig.gateway.faults.token-file}), sent as {@code Authorization: Bearer}. A gateway takes changes
 * without it from this machine only.
 */
final class FaultTokenOption {

    static final String ENV = "GEODIG_FAULTS_TOKEN_FILE";
    /** What an HTTP header can carry as a token: visible ASCII, no spaces (RFC 6750's b64token and then some). */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    @Option(names = "--token-file", paramLabel = "<file>",
            description = "the file holding the gateway's fault-control token, sent as a bearer token (default: $" + ENV
                    + "; none: only a gateway on this machine takes the change)")
    private String file;

    /** The token, trimmed; {@code null} without a file. A file that cannot be read or holds no token is a usage error. */
    String token(CommandLine commandLine, Map<String, String> env) {
        String chosen = file != null ? file : env.get(ENV);
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        String where = file != null ? "--token-file" : "$" + ENV;
        String token;
        try {
            token = Files.readString(Path.of(chosen)).strip();
        } catch (IOException | InvalidPathException e) {
            throw new ParameterException(commandLine, where + ": cannot read '" + SafeText.of(chosen) + "' ("
                    + SafeText.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())) + ")");
        }
        if (!TOKEN.matcher(token).matches()) {
            // Never the token itself in a message: it may be on a shared screen.
            throw new ParameterException(commandLine, where + ": '" + SafeText.of(chosen) + "' holds no token"
                    + " (one line of visible characters without spaces)");
        }
        return token;
    }
}
