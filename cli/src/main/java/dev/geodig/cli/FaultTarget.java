package dev.geodig.cli;

import dev.geodig.contract.faults.Fault;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code <fault>[@<location>]} on the command line: {@code dns-delay@eu-west-1}, {@code orchestrator-delay}. The fault
 * must be one this client knows (it decides how the value is read); whether the location exists is the gateway's to
 * say. A location for {@code orchestrator-delay}, which acts in none, is refused here.
 *
 * @param location {@code null} when none was given
 */
record FaultTarget(Fault fault, String location) {

    @Override
    public String toString() {
        return fault.key() + (location == null ? "" : "@" + location);
    }

    static final class Converter implements ITypeConverter<FaultTarget> {
        /** A location's name as the gateway lists it, as {@code lookup -l} takes it. */
        private static final Pattern LOCATION = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62})");

        @Override
        public FaultTarget convert(String value) {
            int at = value.indexOf('@');
            String key = at < 0 ? value : value.substring(0, at);
            Fault fault = Fault.byKey(key).orElseThrow(() -> new TypeConversionException("'" + SafeText.of(key)
                    + "' is not a fault; the faults are " + Arrays.stream(Fault.values()).map(Fault::key).collect(Collectors.joining(", "))));
            if (at < 0) {
                return new FaultTarget(fault, null);
            }
            if (!fault.perLocation()) {
                throw new TypeConversionException(fault.key() + " acts in no one location: give it without @<location>");
            }
            String location = value.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!LOCATION.matcher(location).matches()) {
                throw new TypeConversionException("'" + SafeText.of(value.substring(at + 1))
                        + "' is not a location (e.g. " + fault.key() + "@eu-west-1)");
            }
            return new FaultTarget(fault, location);
        }
    }
}
