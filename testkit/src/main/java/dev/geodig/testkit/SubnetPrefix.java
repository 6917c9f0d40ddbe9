package dev.geodig.testkit;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code address/prefix} as the topology file and the geo map write it ({@code 192.0.2.0/24},
 * {@code 2001:db8:4::/56}): a location's client subnet, or a net of the geo map.
 *
 * @param text as written
 * @param address the address part (its host bits may be set: what is sent is truncated to the prefix anyway)
 * @param prefix the prefix length, from 1 to 32 (IPv4) or 128 (IPv6)
 */
public record SubnetPrefix(String text, InetAddress address, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    // Only hexadecimal digits and colons: InetAddress then parses a literal and never asks DNS for a name.
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*");
    private static final Pattern PREFIX = Pattern.compile("(.+)/([0-9]{1,3})");

    /** Reads {@code text}; an {@link IllegalArgumentException} says what is wrong with it. */
    public static SubnetPrefix parse(String text) {
        Matcher parts = PREFIX.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not address/prefix");
        }
        InetAddress address = address(parts.group(1));
        if (address == null) {
            throw new IllegalArgumentException("'" + parts.group(1) + "' is not an IPv4 or IPv6 address");
        }
        int prefix = Integer.parseInt(parts.group(2));
        int bits = address.getAddress().length * 8;
        if (prefix < 1 || prefix > bits) {
            throw new IllegalArgumentException("the prefix of '" + text + "' must be from 1 to " + bits);
        }
        return new SubnetPrefix(text, address, prefix);
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** Whether every address of {@code other} is in this prefix (same family, at least as long a prefix). */
    public boolean contains(SubnetPrefix other) {
        if (isIpv6() != other.isIpv6() || other.prefix < prefix) {
            return false;
        }
        return network(address, prefix).equals(network(other.address, prefix));
    }

    private static BigInteger network(InetAddress address, int prefix) {
        int bits = address.getAddress().length * 8;
        return new BigInteger(1, address.getAddress()).shiftRight(bits - prefix);
    }

    /** Strict dotted quads and IPv6 literals only; {@code null} for anything else. */
    private static InetAddress address(String text) {
        try {
            Matcher quad = IPV4.matcher(text);
            if (quad.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(quad.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return Inet4Address.getByAddress(bytes);
            }
            if (IPV6.matcher(text).matches()) {
                InetAddress parsed = InetAddress.getByName(text);
                // Java turns an IPv4-mapped literal (::ffff:c000:200) into an IPv4 address: not what was written.
                return parsed instanceof Inet6Address ? parsed : null;
            }
            return null;
        } catch (UnknownHostException invalidLiteral) {
            return null;
        }
    }
}
