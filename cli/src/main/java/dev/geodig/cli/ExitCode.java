package dev.geodig.cli;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupStatus;

/**
 * The process's exit codes, one meaning each, so a script can tell "the name answers differently" from
 * "my request was wrong" from "geodig is down" without reading the output.
 */
final class ExitCode {

    /** The lookup ran and every location answered; the trace was shown; traces matched the search. */
    static final int OK = 0;
    /**
     * The question was answered, and the answer is "not all": the lookup ran but not every location answered
     * (partial, timeout); the trace did not turn up; no trace matched the search.
     */
    static final int INCOMPLETE = 1;
    /** The gateway rejected the request (a 4xx problem), or the command line is wrong. */
    static final int REJECTED = 2;
    /** The gateway could not be reached, failed (5xx), or answered something that is not the API. */
    static final int GATEWAY_FAILED = 3;

    private ExitCode() {
    }

    static int forReport(LookupReport report) {
        // Anything but success (partial, timeout, or a status this client does not know yet) means some
        // location's answer is missing: the comparison the user asked for is not complete.
        return report.status() == LookupStatus.SUCCESS ? OK : INCOMPLETE;
    }

    /** For an answer other than 200: a client error is the request's fault, anything else the gateway's. */
    static int forHttpStatus(int status) {
        return status >= 400 && status < 500 ? REJECTED : GATEWAY_FAILED;
    }
}
