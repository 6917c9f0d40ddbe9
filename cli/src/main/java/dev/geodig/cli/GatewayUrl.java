package dev.geodig.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --gateway}: an http(s) URL, checked up front so a typo is a usage error, not a network one. */
final class GatewayUrl implements ITypeConverter<String> {

    static final String ENV = "GEODIG_GATEWAY_URL";
    static final String DEFAULT = "http://127.0.0.1:8080";

    /** The URL to use: the option, else {@code $GEODIG_GATEWAY_URL}, else the local default. */
    static String choose(String option, Map<String, String> env) throws TypeConversionException {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            return DEFAULT;
        }
        try {
            return normalize(fromEnv.strip());
        } catch (TypeConversionException e) {
            throw new TypeConversionException(ENV + ": " + e.getMessage());
        }
    }

    @Override
    public String convert(String value) {
        return normalize(value);
    }

    /** The URL without a trailing slash, so paths and the page's address can be appended to it. */
    static String normalize(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new TypeConversionException("'" + SafeText.of(value) + "' is not a URL: " + e.getReason());
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new TypeConversionException("'" + SafeText.of(value)
                    + "' is not the gateway's http(s) address, e.g. http://127.0.0.1:8080");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
