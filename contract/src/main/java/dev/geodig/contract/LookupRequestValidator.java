package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the values of a {@link LookupRequest} that {@link LookupRequestReader} read, and returns its
 * normalized form: domain in lower-case ASCII without the trailing dot, record types upper-case,
 * defaults filled in. Every problem found is reported at once, each naming its field.
 */
final class LookupRequestValidator {

    static final int MAX_DOMAIN_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    /**
     * A label: letters, digits and inner hyphens; or an underscore label such as {@code _dmarc} or
     * {@code _tcp}, which service and policy names use.
     */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?|_[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    private final List<String> knownLocations;

    LookupRequestValidator(List<String> knownLocations) {
        if (knownLocations == null || knownLocations.isEmpty()) {
            throw new IllegalArgumentException("at least one location must be configured");
        }
        this.knownLocations = List.copyOf(knownLocations);
    }

    /** The normalized request, or {@link InvalidLookupRequestException} naming every problem. */
    LookupRequest validate(LookupRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String domain = normalizeDomain(request.domain(), errors);
        List<String> locations = checkLocations(request.locations(), errors);
        List<String> recordTypes = checkRecordTypes(request.recordTypes(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidLookupRequestException(errors);
        }
        return new LookupRequest(domain, locations, recordTypes);
    }

    private static String normalizeDomain(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("domain", "is required"));
            return null;
        }
        if (!raw.strip().equals(raw)) {
            errors.add(new FieldError("domain", "must not have leading or trailing whitespace"));
            return null;
        }
        // IDNA treats these full stops as dots (RFC 3490 section 3.1); a user typing in CJK may use them.
        String name = raw.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        String forbidden = firstForbiddenCharacter(name);
        if (forbidden != null) {
            errors.add(new FieldError("domain", "must not contain " + forbidden
                    + "; a name holds letters, digits, hyphens, dots and leading underscores"));
            return null;
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.", -1);
        if (Arrays.stream(labels).anyMatch(String::isEmpty)) {
            errors.add(new FieldError("domain", "must not have empty labels"));
            return null;
        }
        List<String> asciiLabels = asciiLabels(labels, errors);
        if (asciiLabels == null) {
            return null;
        }
        String ascii = String.join(".", asciiLabels);
        if (ascii.length() > MAX_DOMAIN_LENGTH) {
            errors.add(new FieldError("domain", "is longer than " + MAX_DOMAIN_LENGTH + " characters"));
            return null;
        }
        if (asciiLabels.size() < 2) {
            // A single label would be completed by a resolver's search list, which geodig never uses;
            // a lone underscore label such as _dmarc has no owner name either.
            errors.add(new FieldError("domain", "must be a fully qualified name with at least two labels"));
            return null;
        }
        if (asciiLabels.getLast().chars().allMatch(c -> c >= '0' && c <= '9')) {
            // No top-level domain is all digits (RFC 3696 section 2): this is an IP address, not a name.
            errors.add(new FieldError("domain", "must be a domain name, not an IP address"));
            return null;
        }
        return ascii;
    }

    /** Each label in its ASCII form, checked; {@code null} after reporting the first that is not a label. */
    private static List<String> asciiLabels(String[] labels, List<FieldError> errors) {
        List<String> asciiLabels = new ArrayList<>(labels.length);
        for (String label : labels) {
            String ascii = toAsciiLabel(label, errors);
            if (ascii == null) {
                return null;
            }
            if (ascii.length() > MAX_LABEL_LENGTH) {
                errors.add(new FieldError("domain",
                        "has a label longer than " + MAX_LABEL_LENGTH + " characters: " + abbreviate(ascii)));
                return null;
            }
            if (!LABEL.matcher(ascii).matches()) {
                errors.add(new FieldError("domain", "label '" + abbreviate(ascii)
                        + "' may hold only letters, digits and inner hyphens (or start with '_')"));
                return null;
            }
            asciiLabels.add(ascii);
        }
        return asciiLabels;
    }

    /** The ASCII (punycode) form of one label, lower-case; {@code null} after reporting why there is none. */
    private static String toAsciiLabel(String label, List<FieldError> errors) {
        if (label.chars().allMatch(c -> c < 0x80)) {
            return label.toLowerCase(Locale.ROOT);
        }
        try {
            // Internationalized names are looked up in their ASCII (punycode) form.
            return IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("domain",
                    "label '" + abbreviate(label) + "' is not a valid internationalized label: " + e.getMessage()));
            return null;
        }
    }

    /**
     * The first character no label can hold, described for an error message, or {@code null}.
     * Checked before IDN conversion because {@link IDN#toASCII} passes symbols and emoji through
     * (IDNA2003 with unassigned code points allowed), and IDNA2008 permits letters, digits and marks only.
     */
    private static String firstForbiddenCharacter(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean allowed = Character.isLetterOrDigit(cp)
                    || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || cp == '-' || cp == '_' || cp == '.';
            if (!allowed) {
                String codePoint = "U+%04X".formatted(cp);
                // Never echo control characters into a response or a log line.
                return Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                        ? "whitespace or control characters (" + codePoint + ")"
                        : "'" + Character.toString(cp) + "' (" + codePoint + ")";
            }
        }
        return null;
    }

    private List<String> checkLocations(List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return knownLocations;
        }
        if (raw.isEmpty()) {
            errors.add(new FieldError("locations", "must not be empty; omit it to ask every location"));
            return raw;
        }
        Set<String> seen = new HashSet<>();
        for (String location : raw) {
            if (location == null) {
                errors.add(new FieldError("locations", "must not contain null"));
            } else if (!knownLocations.contains(location)) {
                errors.add(new FieldError("locations", "unknown location '" + abbreviate(location) + "'; known: " + knownLocations));
            } else if (!seen.add(location)) {
                errors.add(new FieldError("locations", "duplicate location '" + location + "'"));
            }
        }
        return List.copyOf(raw.stream().filter(l -> l != null).toList());
    }

    private static List<String> checkRecordTypes(List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return LookupRequest.DEFAULT_RECORD_TYPES;
        }
        if (raw.isEmpty()) {
            errors.add(new FieldError("record_types", "must not be empty; omit it for " + LookupRequest.DEFAULT_RECORD_TYPES));
            return raw;
        }
        List<String> normalized = new ArrayList<>();
        for (String type : raw) {
            if (type == null) {
                errors.add(new FieldError("record_types", "must not contain null"));
                continue;
            }
            String upper = type.toUpperCase(Locale.ROOT);
            if (!LookupRequest.SUPPORTED_RECORD_TYPES.contains(upper)) {
                errors.add(new FieldError("record_types", "unsupported record type '" + abbreviate(type) + "'; supported: " + LookupRequest.SUPPORTED_RECORD_TYPES));
            } else if (normalized.contains(upper)) {
                errors.add(new FieldError("record_types", "duplicate record type '" + upper + "'"));
            } else {
                normalized.add(upper);
            }
        }
        return List.copyOf(normalized);
    }

    /** Echo user input in errors, but never a megabyte of it, nor control characters that could forge log lines. */
    private static String abbreviate(String value) {
        String shown = value.length() <= 64 ? value : value.substring(0, 64) + "…";
        return shown.codePoints()
                .map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
