package dev.geodig.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that asks the gateway shares, mixed into each ({@code @Mixin}): its {@code --json}
 * option, the gateway, output and colours the root command chose, and how a failed call is reported.
 */
final class GatewayCommandMixin {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--json", description = "print the answer as the gateway sent it (JSON), nothing else")
    private boolean json;

    /** The {@code geodig} command this one is under, directly ({@code geodig traces}) or not ({@code geodig faults set}). */
    private GeodigCli root() {
        CommandSpec spec = command.parent();
        while (!(spec.userObject() instanceof GeodigCli)) {
            spec = spec.parent();
        }
        return (GeodigCli) spec.userObject();
    }

    Io io() {
        return root().io();
    }

    /** The gateway to talk to; a bad address is a usage error of this command. */
    String gatewayUrl() {
        return root().gatewayUrl(command.commandLine());
    }

    /** Whether {@code --json} asked for the gateway's answer as it came. */
    boolean json() {
        return json;
    }

    /** The gateway's answer as it came with {@code --json}; else the lines {@code drawn} makes in the chosen style. */
    void print(String body, Function<Style, List<String>> drawn) {
        if (json) {
            io().printLines(List.of(GatewayJson.safeRaw(body)));
        } else {
            io().printLines(drawn.apply(io().colors(root().color()) ? Style.COLOR : Style.PLAIN));
        }
    }

    int unreachable(GatewayUnreachableException e) {
        io().err().println("geodig: " + e.getMessage());
        return ExitCode.GATEWAY_FAILED;
    }

    /** An answer that does not parse as the {@code expected} document. */
    int notA(String expected, RuntimeException e) {
        io().err().println("geodig: the answer from " + gatewayUrl() + " is not " + expected + ": " + SafeText.of(e.getMessage()));
        return ExitCode.GATEWAY_FAILED;
    }

    /** An answer other than 200: the gateway's problem document on standard error, the exit code by its status. */
    int failed(GatewayClient.Response response, String headline) {
        ProblemPrinter.print(GatewayJson.readProblem(response.status(), response.body()), headline).forEach(io().err()::println);
        return ExitCode.forHttpStatus(response.status());
    }
}
