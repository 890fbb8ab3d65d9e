package org.apiary.privhelper.freebsd;

import java.util.Locale;
import org.apiary.privhelper.ops.FirewallApply;
import org.apiary.privhelper.ops.FirewallRule;

/**
 * Renders one port's rules as a pf.conf(5) ruleset for `pfctl -a apiary/&lt;port&gt; -f -`
 * (pfctl(8): -a anchor, -f - reads stdin). pf filters bridge members when
 * net.link.bridge.pfil_member=1 (if_bridge(4)), so traffic to the guest leaves "out on" its tap
 * and traffic from the guest comes "in on" it. Quick passes first, then a final block.
 */
final class PfRules {
    private PfRules() {}

    static String render(FirewallApply f) {
        StringBuilder s = new StringBuilder();
        for (FirewallRule r : f.rules()) {
            boolean ingress = r.direction() == FirewallRule.Direction.INGRESS;
            boolean v4 = r.family() == FirewallRule.Family.IPV4;
            s.append("pass ").append(ingress ? "out" : "in").append(" quick on ").append(f.port())
                    .append(v4 ? " inet" : " inet6");
            switch (r.protocol()) {
                case TCP, UDP -> s.append(" proto ").append(r.protocol().name().toLowerCase(Locale.ROOT));
                case ICMP -> s.append(v4 ? " proto icmp" : " proto ipv6-icmp");
                case ANY -> { }
            }
            String remote = r.remote() == null ? "any" : r.remote().toString();
            String port = r.portMin() == null ? "" : " port " + r.portMin() + ":" + r.portMax();
            // pf.conf(5): "port a:b" is the inclusive range a..b.
            s.append(ingress ? " from " + remote + " to any" + port : " from any to " + remote + port);
            s.append(" keep state\n");
        }
        s.append("block drop on ").append(f.port()).append(" all\n");
        return s.toString();
    }
}
