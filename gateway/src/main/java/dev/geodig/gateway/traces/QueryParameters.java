package dev.geodig.gateway.traces;

import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.problem.ProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The query string of a read endpoint (the trace search, the service map), decoded here rather than by the
 * container so that every fault is named: a parameter the endpoint does not take, one given twice, an
 * encoding that does not decode. Faults are gathered, and {@link #throwIfInvalid} answers all of them at
 * once as one 400 problem, each naming its parameter, as a lookup request's faults are.
 *
 * <p>An empty value ({@code operation=}) means the parameter was left out: a form that sends its empty
 * fields asks for nothing by them.
 */
public final class QueryParameters {

    /** More parameters than this in one query is not a search anyone types: refused before any is read. */
    static final int MAX_PARAMETERS = 40;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    private final Map<String, List<String>> values;
    private final List<FieldError> errors = new ArrayList<>();

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * The parameters of {@code rawQuery} (as sent, still percent-encoded; {@code null} for none), every one of
     * them among {@code known}.
     */
    public static QueryParameters parse(String rawQuery, Set<String> known) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        QueryParameters parameters = new QueryParameters(values);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        String[] pairs = rawQuery.split("&", -1);
        if (pairs.length > MAX_PARAMETERS) {
            parameters.reject("query", "holds " + pairs.length + " parameters; at most " + MAX_PARAMETERS + " are read");
            return parameters;
        }
        Set<String> unknown = new TreeSet<>();
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2" and a trailing '&': nothing was sent there
            }
            int equals = pair.indexOf('=');
            String name = decode(parameters, equals < 0 ? pair : pair.substring(0, equals));
            String value = decode(parameters, equals < 0 ? "" : pair.substring(equals + 1));
            if (name == null || value == null) {
                continue;
            }
            if (!known.contains(name)) {
                unknown.add(name);
                continue;
            }
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        for (String name : unknown) {
            parameters.reject(name.isEmpty() ? "query" : name, "is not a parameter of this endpoint; it takes "
                    + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
        }
        return parameters;
    }

    /** {@code null} (and a fault named {@code query}) when {@code encoded} is not valid percent-encoding. */
    private static String decode(QueryParameters parameters, String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            parameters.reject("query", "holds '" + encoded + "', which is not valid percent-encoding (%XX with two hex digits)");
            return null;
        }
    }

    /** The one value of {@code name}; empty when it was left out or sent empty. Given twice, it is a fault. */
    public Optional<String> single(String name) {
        List<String> given = values.getOrDefault(name, List.of()).stream().filter(value -> !value.isEmpty()).toList();
        if (given.size() > 1) {
            reject(name, "is given " + given.size() + " times; give it once");
            return Optional.empty();
        }
        return given.stream().findFirst();
    }

    /** The whole number {@code name} gives, from 1 to {@code max}; {@code defaultValue} when left out (or at fault). */
    public int wholeNumber(String name, int defaultValue, int max) {
        String text = single(name).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        if (!WHOLE_NUMBER.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
            reject(name, "must be a whole number from 1 to " + max);
            return defaultValue;
        }
        return Integer.parseInt(text);
    }

    /** Every value of a parameter that may be repeated, in the order sent, empty ones left out. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(value -> !value.isEmpty()).toList();
    }

    /** Records a fault of {@code field}, answered by {@link #throwIfInvalid}. */
    public void reject(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    /** A 400 problem with {@code detail} and every fault found, if there is any. */
    public void throwIfInvalid(String detail) {
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, detail, errors, null);
        }
    }
}
