package org.apiary.privhelper.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apiary.privhelper.protocol.HelperException;

/**
 * A strictly parsed IPv4 or IPv6 literal. We parse by hand because InetAddress.getByName would
 * resolve names and accepts forms (octal, short IPv4, zone ids) that a host command might read
 * differently. Output is always the canonical form, so argv never carries the peer's spelling.
 */
public record IpAddress(byte[] bytes) {
    public static IpAddress parse(String s) {
        byte[] b = s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
        if (b == null) {
            throw HelperException.invalid("'" + org.apiary.privhelper.protocol.Printable.of(s, 60)
                    + "' is not an IPv4 or IPv6 address");
        }
        return new IpAddress(b);
    }

    public boolean isV4() {
        return bytes.length == 4;
    }

    public int maxPrefix() {
        return bytes.length * 8;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        try {
            String t = InetAddress.getByAddress(bytes).getHostAddress();
            return isV4() ? t : compressV6(t);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // No leading zeros: "010" is octal to some parsers and decimal to others.
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !digits(p)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] parseV6(String s) {
        if (s.length() > 45 || s.contains("%")) {
            return null;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] h = groups(head, dc < 0 || tail.isEmpty());
        int[] t = dc >= 0 ? groups(tail, true) : new int[0];
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dc < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(t, 0, all, 8 - t.length, t.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** Hex groups separated by ':'; the last may be a dotted IPv4 (counts as two groups) when allowed. */
    private static int[] groups(String part, boolean mayEndWithV4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] g = part.split(":", -1);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            if (i == g.length - 1 && mayEndWithV4 && g[i].contains(".")) {
                byte[] v4 = parseV4(g[i]);
                if (v4 == null) {
                    return null;
                }
                out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
                continue;
            }
            if (g[i].isEmpty() || g[i].length() > 4 || !hex(g[i])) {
                return null;
            }
            out.add(Integer.parseInt(g[i], 16));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean hex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    /** RFC 5952 form: the longest run (2+) of zero groups becomes "::". */
    private static String compressV6(String full) {
        String[] g = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return left + "::" + right;
    }
}
