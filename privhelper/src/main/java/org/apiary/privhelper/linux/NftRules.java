package org.apiary.privhelper.linux;

import java.util.ArrayList;
import java.util.List;
import org.apiary.privhelper.ops.FirewallApply;
import org.apiary.privhelper.ops.FirewallRule;

/**
 * Renders one port's rules as an nft(8) script for `nft -f -`, applied as one transaction. Our
 * own table (bridge family, so bridged guest traffic is seen without br_netfilter) dispatches
 * by interface name through two verdict maps into one chain per direction per port; re-applying
 * flushes and refills only that port's chains. Only text generated here ever reaches nft.
 */
final class NftRules {
    private NftRules() {}

    static String render(FirewallApply f) {
        String in = "in_" + f.port().replace('-', '_'), out = "out_" + f.port().replace('-', '_');
        StringBuilder s = new StringBuilder();
        s.append("add table bridge apiary\n");
        s.append("add map bridge apiary ingress { type ifname : verdict; }\n");
        s.append("add map bridge apiary egress { type ifname : verdict; }\n");
        s.append("add chain bridge apiary forward { type filter hook forward priority 0; policy accept; }\n");
        s.append("flush chain bridge apiary forward\n");
        s.append("add rule bridge apiary forward oifname vmap @ingress\n");
        s.append("add rule bridge apiary forward iifname vmap @egress\n");
        for (String chain : List.of(in, out)) {
            s.append("add chain bridge apiary ").append(chain).append('\n');
            s.append("flush chain bridge apiary ").append(chain).append('\n');
            s.append("add rule bridge apiary ").append(chain).append(" ct state established,related accept\n");
        }
        for (FirewallRule r : f.rules()) {
            String chain = r.direction() == FirewallRule.Direction.INGRESS ? in : out;
            s.append("add rule bridge apiary ").append(chain).append(' ').append(match(r)).append(" accept\n");
        }
        s.append("add rule bridge apiary ").append(in).append(" drop\n");
        s.append("add rule bridge apiary ").append(out).append(" drop\n");
        s.append("add element bridge apiary ingress { \"").append(f.port()).append("\" : jump ").append(in)
                .append(" }\n");
        s.append("add element bridge apiary egress { \"").append(f.port()).append("\" : jump ").append(out)
                .append(" }\n");
        return s.toString();
    }

    private static String match(FirewallRule r) {
        boolean v4 = r.family() == FirewallRule.Family.IPV4;
        List<String> m = new ArrayList<>();
        m.add(v4 ? "ether type ip" : "ether type ip6");
        if (r.remote() != null) {
            // Ingress: the remote is the source; egress: the destination.
            boolean ingress = r.direction() == FirewallRule.Direction.INGRESS;
            m.add((v4 ? "ip " : "ip6 ") + (ingress ? "saddr " : "daddr ") + r.remote());
        }
        switch (r.protocol()) {
            case TCP, UDP -> {
                String p = r.protocol().name().toLowerCase(java.util.Locale.ROOT);
                m.add(r.portMin() == null ? "meta l4proto " + p : p + " dport " + r.portMin() + "-" + r.portMax());
            }
            case ICMP -> m.add(v4 ? "meta l4proto icmp" : "meta l4proto ipv6-icmp");
            case ANY -> { }
        }
        return String.join(" ", m);
    }
}
