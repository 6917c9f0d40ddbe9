package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code domain} of a lookup request: checked label by label and turned into the form the workers
 * look up, lower-case ASCII (punycode for internationalized labels) without the trailing dot.
 */
final class DomainName {

    static final int MAX_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    /**
     * A label: letters, digits and inner hyphens; or an underscore label such as {@code _dmarc} or
     * {@code _tcp}, which service and policy names use.
     */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?|_[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    private DomainName() {
    }

    /** The normalized name, or {@code null} after adding the first reason it is not a name to {@code errors}. */
    static String normalize(String raw, List<FieldError> errors) {
        try {
            return ascii(raw);
        } catch (NotAName e) {
            errors.add(new FieldError("domain", e.getMessage()));
            return null;
        }
    }

    private static String ascii(String raw) throws NotAName {
        if (raw == null || raw.isBlank()) {
            throw new NotAName("is required");
        }
        if (!raw.strip().equals(raw)) {
            throw new NotAName("must not have leading or trailing whitespace");
        }
        // IDNA treats these full stops as dots (RFC 3490 section 3.1); a user typing in CJK may use them.
        String name = raw.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        rejectForbiddenCharacters(name);
        String[] labels = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).split("\\.", -1);
        if (Arrays.stream(labels).anyMatch(String::isEmpty)) {
            throw new NotAName("must not have empty labels");
        }
        List<String> asciiLabels = new ArrayList<>(labels.length);
        for (String label : labels) {
            asciiLabels.add(asciiLabel(label));
        }
        String ascii = String.join(".", asciiLabels);
        if (ascii.length() > MAX_LENGTH) {
            throw new NotAName("is longer than " + MAX_LENGTH + " characters");
        }
        if (asciiLabels.size() < 2) {
            // A single label would be completed by a resolver's search list, which geodig never uses;
            // a lone underscore label such as _dmarc has no owner name either.
            throw new NotAName("must be a fully qualified name with at least two labels");
        }
        if (asciiLabels.getLast().chars().allMatch(c -> c >= '0' && c <= '9')) {
            // No top-level domain is all digits (RFC 3696 section 2): this is an IP address, not a name.
            throw new NotAName("must be a domain name, not an IP address");
        }
        return ascii;
    }

    /** One label in its ASCII form, lower-case, checked. */
    private static String asciiLabel(String label) throws NotAName {
        String ascii;
        if (label.chars().allMatch(c -> c < 0x80)) {
            ascii = label.toLowerCase(Locale.ROOT);
        } else {
            try {
                // Internationalized names are looked up in their ASCII (punycode) form.
                ascii = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new NotAName("label '" + ClientText.value(label) + "' is not a valid internationalized label: " + e.getMessage());
            }
        }
        if (ascii.length() > MAX_LABEL_LENGTH) {
            throw new NotAName("has a label longer than " + MAX_LABEL_LENGTH + " characters: " + ClientText.value(ascii));
        }
        if (!LABEL.matcher(ascii).matches()) {
            throw new NotAName("label '" + ClientText.value(ascii) + "' may hold only letters, digits and inner hyphens (or start with '_')");
        }
        return ascii;
    }

    /**
     * Rejects the first character no label can hold. Checked before IDN conversion because
     * {@link IDN#toASCII} passes symbols and emoji through (IDNA2003 with unassigned code points
     * allowed), and IDNA2008 permits letters, digits and marks only.
     */
    private static void rejectForbiddenCharacters(String name) throws NotAName {
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
                String forbidden = Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                        ? "whitespace or control characters (" + codePoint + ")"
                        : "'" + Character.toString(cp) + "' (" + codePoint + ")";
                throw new NotAName("must not contain " + forbidden
                        + "; a name holds letters, digits, hyphens, dots and leading underscores");
            }
        }
    }

    /** Why a value is not a name; thrown at the first reason, caught in {@link #normalize}. */
    private static final class NotAName extends Exception {
        NotAName(String reason) {
            super(reason, null, false, false);
        }
    }
}
