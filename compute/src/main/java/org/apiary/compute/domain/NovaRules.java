package org.apiary.compute.domain;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;

/**
 * How Nova's os-security-group-rules turns a request into a rule (security_group_api.py
 * {@code parse_cidr} and {@code _new_ingress_rule}), before Neutron sees it.
 */
final class NovaRules {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    /** A rule Nova would send: protocol and ports null when not given (a group rule without them). */
    record NewRule(String protocol, Integer fromPort, Integer toPort, String groupId, String cidr) {}

    private NovaRules() {}

    /** Empty means any IPv4 address; otherwise an address/prefix (host bits may be set, as netaddr allows). */
    static String parseCidr(String cidr) {
        if (cidr == null || cidr.isEmpty()) {
            return "0.0.0.0/0";
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(cidr.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCidr(cidr);
        }
        String[] parts = decoded.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            throw invalidCidr(cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        int bits = ipBits(parts[0]);
        if (bits == 0 || prefix > bits) {
            throw invalidCidr(cidr);
        }
        return decoded;
    }

    /** 32 for an IPv4 literal, 128 for IPv6, 0 for anything else (never a DNS lookup). */
    private static int ipBits(String address) {
        var m = IPV4.matcher(address);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return 0;
                }
            }
            return 32;
        }
        if (address.contains(":") && IPV6_CHARS.matcher(address).matches()) {
            try {
                return InetAddress.getByName(address).getAddress().length == 16 ? 128 : 0;
            } catch (UnknownHostException e) {
                return 0;
            }
        }
        return 0;
    }

    /** A zero prefix is only meaningful on the "any" network. */
    static boolean badZeroPrefix(String cidr) {
        String[] parts = cidr.split("/");
        return parts[1].equals("0") && !parts[0].equals("0.0.0.0") && !parts[0].equals("::");
    }

    private static ServiceException invalidCidr(String cidr) {
        return ServiceException.badRequest(cidr + " is not a valid IP network.");
    }

    /**
     * {@code _new_ingress_rule}: a group rule opens everything for TCP/UDP/ICMP when no ports are
     * given; a cidr rule needs protocol and both ports (null: "not enough parameters").
     */
    static NewRule build(String protocol, String from, String to, String groupId, String cidr) {
        String upper = protocol == null ? "" : protocol.toUpperCase(Locale.ROOT);
        String fromText = from;
        String toText = to;
        if (groupId != null && from == null && to == null) {
            if (upper.equals("ICMP")) {
                fromText = "-1";
                toText = "-1";
            } else if (upper.equals("TCP") || upper.equals("UDP")) {
                fromText = "1";
                toText = "65535";
            }
        }
        if (protocol == null || protocol.isEmpty() || fromText == null || toText == null) {
            return cidr != null ? null : new NewRule(null, null, null, groupId, null);
        }
        int fromPort;
        int toPort;
        try {
            fromPort = Integer.parseInt(fromText.strip());
            toPort = Integer.parseInt(toText.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("Invalid input received: " + (upper.equals("ICMP")
                    ? "Type and Code must be integers for ICMP protocol type" : "To and From ports must be integers"));
        }
        if (!upper.equals("TCP") && !upper.equals("UDP") && !upper.equals("ICMP")) {
            throw ServiceException.badRequest("Invalid IP protocol " + protocol + ".");
        }
        boolean tcpUdp = !upper.equals("ICMP");
        if (tcpUdp && fromPort > toPort) {
            throw range(fromPort, toPort, "Former value cannot be greater than the later");
        }
        if (tcpUdp && (fromPort < 1 || toPort > 65535)) {
            throw range(fromPort, toPort, "Valid " + upper + " ports should be between 1-65535");
        }
        if (!tcpUdp && (fromPort < -1 || fromPort > 255 || toPort < -1 || toPort > 255)) {
            throw range(fromPort, toPort, "For ICMP, the type:code must be valid");
        }
        return new NewRule(protocol, fromPort, toPort, groupId, cidr);
    }

    private static ServiceException range(int from, int to, String why) {
        return ServiceException.badRequest("Invalid port range " + from + ":" + to + ". " + why);
    }
}
