package org.apiary.privhelper.ops;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * Everything dnsmasq needs for one network, in structured form. The helper renders dnsmasq's
 * hosts and opts files from it; the peer never supplies file content or dnsmasq arguments.
 */
public record DhcpConfig(String owner, String iface, List<DhcpSubnet> subnets, List<DhcpHost> hosts,
        int leaseSeconds, int mtu) {
    public static final int MAX_SUBNETS = 8, MAX_HOSTS = 4096;

    static DhcpConfig parse(Args a) {
        String owner = Check.uuid(a, "owner");
        String iface = Check.ifname(a, "iface", Check.VETH);
        List<DhcpSubnet> subnets = a.list("subnets", MAX_SUBNETS, n -> DhcpSubnet.parse(n, "subnets[]"));
        List<DhcpHost> hosts = a.list("hosts", MAX_HOSTS, n -> DhcpHost.parse(n, "hosts[]"));
        int lease = (int) a.integer("leaseSeconds", 120, 31_536_000);
        int mtu = a.has("mtu") ? (int) a.integer("mtu", 68, 65_535) : 0;
        a.done();
        if (subnets.isEmpty()) {
            throw HelperException.invalid("subnets must not be empty");
        }
        Set<String> ids = new HashSet<>();
        for (DhcpSubnet s : subnets) {
            if (!ids.add(s.id())) {
                throw HelperException.invalid("subnet " + s.id() + " is listed twice");
            }
        }
        Set<Mac> macs = new HashSet<>();
        Set<IpAddress> ips = new HashSet<>();
        for (DhcpHost h : hosts) {
            if (subnets.stream().noneMatch(s -> s.cidr().contains(h.ip()))) {
                throw HelperException.invalid("host " + h.ip() + " is in none of the subnets");
            }
            if (!macs.add(h.mac()) && h.ip().isV4()) {
                throw HelperException.invalid("MAC " + h.mac() + " has two IPv4 leases");
            }
            if (!ips.add(h.ip())) {
                throw HelperException.invalid("IP " + h.ip() + " is leased twice");
            }
        }
        return new DhcpConfig(owner, iface, List.copyOf(subnets), List.copyOf(hosts), lease, mtu);
    }
}
