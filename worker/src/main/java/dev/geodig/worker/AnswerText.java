package dev.geodig.worker;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** A DNS record's data as a zone file or dig writes it: the text of one answer in a {@code RecordLookup}. */
final class AnswerText {

    private AnswerText() {
    }

    /**
     * The record's data in zone-file form ({@code 192.0.2.10}, {@code 10 mx-us.geodig.test.}). A record of
     * another type than the one asked for (a CNAME on the way) is prefixed with its type, so a reader
     * can tell the alias from the address.
     */
    static String of(Record record, int queriedType) {
        String data = record instanceof AAAARecord aaaa ? ipv6(aaaa.getAddress().getAddress()) : record.rdataToString();
        return record.getType() == queriedType ? data : Type.string(record.getType()) + " " + data;
    }

    /**
     * RFC 5952 text for an IPv6 address ({@code 2001:db8:1::10}), as zone files and dig print it; dnsjava
     * prints Java's uncompressed form ({@code 2001:db8:1:0:0:0:0:10}).
     */
    static String ipv6(byte[] address) {
        if (address.length == 4) {
            // dnsjava hands back an IPv4-mapped address as IPv4.
            return "::ffff:" + (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
