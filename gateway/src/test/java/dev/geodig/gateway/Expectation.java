package dev.geodig.gateway;

import java.util.Set;

/**
 * What the gateway must answer to one generated request, as far as the generator knows: accepted
 * (sent on: {@code acceptedStatus}), rejected with a 4xx naming one of {@code fields}, or either.
 * Whatever it is, the answer is never a hang, never a 5xx other than the accepted status, and every
 * error is a problem+json.
 *
 * @param acceptedStatus the status of the request gone through (503 for a lookup, whose orchestrator is
 *     a closed port; 200 for a page read), or 0 when it cannot be accepted
 * @param mayBeRejected whether a 4xx is allowed
 * @param fields the error fields of which the problem must name at least one when it is a 4xx; empty: any
 * @param anySuccess any status below 400 is right too (a request the generator mangled beyond knowing
 *     what it asks for, such as a request line with a tab for a space, which Tomcat reads as another request)
 */
record Expectation(int acceptedStatus, boolean mayBeRejected, Set<String> fields, boolean anySuccess) {

    static Expectation accepted(int status) {
        return new Expectation(status, false, Set.of(), false);
    }

    static Expectation rejected(Set<String> fields) {
        return new Expectation(0, true, Set.copyOf(fields), false);
    }

    static Expectation rejected(String... fields) {
        return rejected(Set.of(fields));
    }

    /** Either outcome is right: the generator cannot tell (say, a random Unicode name may or may not be valid IDN). */
    static Expectation either(int acceptedStatus, Set<String> fields) {
        return new Expectation(acceptedStatus, true, Set.copyOf(fields), false);
    }

    /** Anything but a server error: the request is beyond the generator's knowing. */
    static Expectation anythingButAServerError() {
        return new Expectation(0, true, Set.of(), true);
    }

    boolean mayBeAccepted() {
        return acceptedStatus != 0;
    }

    @Override
    public String toString() {
        if (anySuccess) {
            return "anything but a 5xx";
        }
        if (!mayBeRejected) {
            return "accepted (" + acceptedStatus + ")";
        }
        String rejection = "rejected naming " + (fields.isEmpty() ? "any field" : "one of " + fields);
        return mayBeAccepted() ? "accepted (" + acceptedStatus + ") or " + rejection : rejection;
    }
}
