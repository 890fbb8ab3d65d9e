package org.apiary.network.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IPv4/IPv6 address and prefix arithmetic on BigIntegers, with netaddr's text forms (IPv6
 * compressed, lower case). Parsing accepts literals only, so it never resolves a host name.
 */
public final class IpAddresses {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {}

    /** An address: its value and version (4 or 6). */
    public record Ip(BigInteger value, int version) {
        @Override
        public String toString() {
            return format(value, version);
        }
    }

    /** A prefix with its host bits cleared. */
    public record Cidr(BigInteger network, int prefix, int version) {
        public int bits() {
            return version == 4 ? 32 : 128;
        }

        public BigInteger size() {
            return BigInteger.ONE.shiftLeft(bits() - prefix);
        }

        public BigInteger last() {
            return network.add(size()).subtract(BigInteger.ONE);
        }

        public boolean contains(Ip ip) {
            return ip.version() == version && ip.value().compareTo(network) >= 0 && ip.value().compareTo(last()) <= 0;
        }

        public boolean overlaps(Cidr o) {
            return o.version == version && o.network.compareTo(last()) <= 0 && network.compareTo(o.last()) <= 0;
        }

        /** First usable host: the address after the network address (IPv4 /31 and /32 have no such rule). */
        public BigInteger firstHost() {
            return version == 4 && prefix >= 31 ? network : network.add(BigInteger.ONE);
        }

        /** Last usable host: IPv4 excludes the broadcast address; IPv6 uses the whole range. */
        public BigInteger lastHost() {
            return version == 4 && prefix < 31 ? last().subtract(BigInteger.ONE) : last();
        }

        @Override
        public String toString() {
            return format(network, version) + "/" + prefix;
        }
    }

    /** Parses an address literal, or returns null when it is not one. */
    public static Ip parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (V4.matcher(text).matches()) {
            BigInteger v = BigInteger.ZERO;
            for (String part : text.split("\\.")) {
                v = v.shiftLeft(8).add(BigInteger.valueOf(Integer.parseInt(part)));
            }
            return new Ip(v, 4);
        }
        if (text.indexOf(':') < 0 || !V6_CHARS.matcher(text).matches()) {
            return null;
        }
        try {
            // Only colon-hex literals reach here, which InetAddress parses without any lookup.
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length == 4) {
                return null; // an IPv4-mapped literal ("::ffff:1.2.3.4") is not taken as IPv6 by Neutron either
            }
            return new Ip(new BigInteger(1, b), 6);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /** Parses "addr/len"; host bits must be clear unless {@code strict} is false. Null when invalid. */
    public static Cidr parseCidr(String text, boolean strict) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Ip ip = parse(addr);
        if (ip == null) {
            return null;
        }
        int bits = ip.version() == 4 ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (!len.matches("\\d{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(len);
            if (prefix > bits) {
                return null;
            }
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        BigInteger network = ip.value().and(mask);
        if (strict && !network.equals(ip.value())) {
            return null;
        }
        return new Cidr(network, prefix, ip.version());
    }

    public static String format(BigInteger v, int version) {
        if (version == 4) {
            long l = v.longValue();
            return ((l >> 24) & 255) + "." + ((l >> 16) & 255) + "." + ((l >> 8) & 255) + "." + (l & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[7 - i] = v.shiftRight(16 * i).intValue() & 0xffff;
        }
        // RFC 5952: compress the longest run (of two or more) of zero groups, the first one on ties.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** Canonical text of an address literal (IPv6 compressed), or null when it is not one. */
    public static String normalize(String text) {
        Ip ip = parse(text);
        return ip == null ? null : ip.toString();
    }

    /** The modified EUI-64 address of {@code mac} in a /64 (SLAAC, RFC 4291 appendix A). */
    public static String eui64(Cidr prefix, String mac) {
        String[] b = mac.split(":");
        long first = Long.parseLong(b[0], 16) ^ 0x02;
        long iid = (first << 56) | (Long.parseLong(b[1], 16) << 48) | (Long.parseLong(b[2], 16) << 40)
                | (0xffL << 32) | (0xfeL << 24) | (Long.parseLong(b[3], 16) << 16)
                | (Long.parseLong(b[4], 16) << 8) | Long.parseLong(b[5], 16);
        BigInteger value = prefix.network().or(new BigInteger(Long.toUnsignedString(iid)));
        return format(value, 6);
    }
}
