package dev.geodig.worker;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.xbill.DNS.ClientSubnetOption;

/**
 * The network this worker's location stands for, sent with every query as the EDNS Client Subnet option
 * (RFC 7871): "answer as you would answer a client in this network". The address is cut to the source prefix,
 * as the RFC requires, so no more of it than the prefix ever leaves the worker.
 *
 * @param address the network address, zero past {@code sourcePrefix}
 * @param sourcePrefix how many leading bits of the address are sent (the option's SOURCE PREFIX-LENGTH)
 */
record LocationSubnet(InetAddress address, int sourcePrefix) {

    // Only literal addresses: a host name here would be looked up with the system resolver, which the worker never uses.
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    LocationSubnet {
        int bits = address.getAddress().length * 8;
        if (sourcePrefix < 0 || sourcePrefix > bits) {
            throw new IllegalArgumentException("a client subnet's prefix must be 0 to " + bits + ", was " + sourcePrefix);
        }
        address = truncated(address, sourcePrefix);
    }

    /**
     * {@code address/prefix}, or a bare address, which then gets the default prefix of its family (RFC 7871
     * recommends at most /24 for IPv4 and /56 for IPv6, the defaults geodig and public resolvers use).
     */
    static LocationSubnet parse(String text, int defaultIpv4Prefix, int defaultIpv6Prefix) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (!LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address/prefix");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address/prefix");
        }
        int prefix;
        if (slash < 0) {
            prefix = address instanceof Inet4Address ? defaultIpv4Prefix : defaultIpv6Prefix;
        } else {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no numeric prefix length after '/'");
            }
        }
        return new LocationSubnet(address, prefix);
    }

    /** The EDNS option a query carries. */
    ClientSubnetOption option() {
        return new ClientSubnetOption(sourcePrefix, address);
    }

    /** {@code 192.0.2.0/24}, {@code 2001:db8:4::/56}: the form the result, the report and the spans show. */
    String text() {
        return (address instanceof Inet6Address ? compressed(address.getHostAddress()) : address.getHostAddress())
                + "/" + sourcePrefix;
    }

    @Override
    public String toString() {
        return text();
    }

    private static InetAddress truncated(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    /** RFC 5952's short form: the longest run of two or more zero groups becomes "::" (Java writes them all out). */
    private static String compressed(String full) {
        String[] groups = full.replaceAll("%.*$", "").split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
