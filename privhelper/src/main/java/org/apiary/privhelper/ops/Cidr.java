package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;

/** An address with a prefix length, e.g. 10.0.0.2/24 (an interface address) or 10.0.0.0/24 (a route). */
public record Cidr(IpAddress address, int prefix) {
    public static Cidr parse(String s) {
        int slash = s.indexOf('/');
        if (slash <= 0 || slash != s.lastIndexOf('/')) {
            throw HelperException.invalid("'" + Printable.of(s, 60) + "' is not a CIDR (address/prefix)");
        }
        IpAddress a = IpAddress.parse(s.substring(0, slash));
        String p = s.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                || !p.chars().allMatch(Character::isDigit)) {
            throw HelperException.invalid("'" + Printable.of(s, 60) + "' has an invalid prefix length");
        }
        int prefix = Integer.parseInt(p);
        if (prefix > a.maxPrefix()) {
            throw HelperException.invalid("prefix /" + prefix + " is too long for " + a);
        }
        return new Cidr(a, prefix);
    }

    /** The network address (host bits cleared). */
    public IpAddress network() {
        byte[] b = address.bytes().clone();
        for (int bit = prefix; bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return new IpAddress(b);
    }

    /** Dotted netmask, IPv4 only (dnsmasq's --dhcp-range wants it, as Neutron passes it). */
    public String netmask() {
        long m = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return (m >> 24) + "." + ((m >> 16) & 255) + "." + ((m >> 8) & 255) + "." + (m & 255);
    }

    public boolean contains(IpAddress ip) {
        return ip.bytes().length == address.bytes().length && new Cidr(ip, prefix).network().equals(network());
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
