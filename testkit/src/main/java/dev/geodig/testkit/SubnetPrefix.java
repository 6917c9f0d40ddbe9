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
 * @param prefix the prefix length, from 0 to 32 (IPv4) or 128 (IPv6)
 */
public record SubnetPrefix(String text, InetAddress address, int prefix) {

    // No leading zeros, in octets or prefixes, as ./geodig checks them: some readers take them for octal.
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final Pattern GROUPS = Pattern.compile("([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4})*)?");
    private static final Pattern PREFIX = Pattern.compile("(.*)/(0|[1-9][0-9]{0,2})");

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
        if (prefix > bits) {
            throw new IllegalArgumentException("the prefix of '" + text + "' must be from 0 to " + bits);
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

    /** Dotted quads and IPv6 text (eight groups, or fewer and one {@code ::}) only; {@code null} for anything else. */
    private static InetAddress address(String text) {
        try {
            Matcher quad = IPV4.matcher(text);
            if (quad.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(quad.group(i + 1));
                }
                return Inet4Address.getByAddress(bytes);
            }
            byte[] bytes = ipv6(text);
            // Inet6Address even for an IPv4-mapped address, which InetAddress would turn into IPv4: not what was written.
            return bytes == null ? null : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException wrongLength) {
            return null;
        }
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        if (tail.contains("::") || !GROUPS.matcher(head).matches() || !GROUPS.matcher(tail).matches()) {
            return null;
        }
        String[] before = head.isEmpty() ? new String[0] : head.split(":");
        String[] after = tail.isEmpty() ? new String[0] : tail.split(":");
        if (gap < 0 ? before.length != 8 : before.length + after.length > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < before.length; i++) {
            put(bytes, i, before[i]);
        }
        for (int i = 0; i < after.length; i++) {
            put(bytes, 8 - after.length + i, after[i]);
        }
        return bytes;
    }

    private static void put(byte[] bytes, int group, String hex) {
        int value = Integer.parseInt(hex, 16);
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }
}
