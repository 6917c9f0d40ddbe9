package dev.geodig.cli;

import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;

/** What the gateway said went wrong, for standard error: the detail, then one line per field at fault. */
final class ProblemPrinter {

    private ProblemPrinter() {
    }

    /** Every piece made safe to print; the status is the HTTP answer's, whatever the body says. */
    static List<String> print(Problem problem, String whatFailed) {
        List<String> lines = new ArrayList<>();
        String reason = problem.detail() != null && !problem.detail().isBlank() ? problem.detail()
                : problem.title() != null && !problem.title().isBlank() ? problem.title()
                : "no explanation given";
        lines.add("geodig: " + whatFailed + ": HTTP " + problem.status() + ": " + SafeText.of(reason));
        for (FieldError error : problem.errors() == null ? List.<FieldError>of() : problem.errors()) {
            lines.add("  " + SafeText.of(error.field()) + ": " + SafeText.of(error.reason()));
        }
        if (problem.traceId() != null && !problem.traceId().isBlank()) {
            lines.add("  (trace " + SafeText.of(problem.traceId()) + ")");
        }
        return lines;
    }
}
