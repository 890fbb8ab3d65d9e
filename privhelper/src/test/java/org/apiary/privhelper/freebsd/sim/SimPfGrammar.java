package org.apiary.privhelper.freebsd.sim;

import java.util.regex.Pattern;

/**
 * The subset of pf.conf(5) filter rules our anchors may contain (pf.conf(5), PACKET FILTERING:
 * action [direction] [quick] [on interface] [af] [proto] [from ... to ... [port]] [keep state]).
 */
final class SimPfGrammar {
    private static final String ADDR = "(any|[0-9a-f.:]+/[0-9]{1,3})";
    private static final Pattern PASS = Pattern.compile("pass (in|out) quick on apt-[a-z0-9-]+ (inet|inet6)"
            + "( proto (tcp|udp|icmp|ipv6-icmp))? from " + ADDR + " to " + ADDR
            + "( port [0-9]{1,5}:[0-9]{1,5})? keep state");
    private static final Pattern BLOCK = Pattern.compile("block drop on apt-[a-z0-9-]+ all");

    private SimPfGrammar() {}

    static boolean valid(String line) {
        if (!(PASS.matcher(line).matches() || BLOCK.matcher(line).matches())) {
            return false;
        }
        // pf.conf(5): "port" needs proto tcp or udp.
        return !line.contains(" port ") || line.contains("proto tcp") || line.contains("proto udp");
    }
}
