package org.apiary.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.network.rpc.SubnetState;
import org.apiary.privhelper.ops.Cidr;
import org.apiary.privhelper.ops.Check;
import org.apiary.privhelper.ops.DhcpConfig;
import org.apiary.privhelper.ops.DhcpHost;
import org.apiary.privhelper.ops.DhcpSubnet;
import org.apiary.privhelper.ops.IpAddress;
import org.apiary.privhelper.ops.Mac;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What dnsmasq serves for one network, built the way Neutron's DHCP agent builds its files: every
 * DHCP-enabled subnet as a static range, one host entry per port address (mac, ip,
 * host-&lt;ip-dashed&gt;), the network's MTU. Entries the helper would refuse are left out with a
 * warning instead of failing the whole network.
 */
final class DhcpPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpPlanner.class);
    static final int DEFAULT_MTU = 1500;

    private DhcpPlanner() {}

    /** Subnets dnsmasq serves: DHCP-enabled IPv4, and IPv6 in dhcpv6-stateful mode (SLAAC needs no dnsmasq lease). */
    static List<SubnetState> servedSubnets(NetworkState n) {
        return n.subnets().stream()
                .filter(SubnetState::enableDhcp)
                .filter(s -> s.ipVersion() == 4 || "dhcpv6-stateful".equals(s.ipv6AddressMode()))
                .sorted(Comparator.comparing(SubnetState::id))
                .limit(DhcpConfig.MAX_SUBNETS)
                .toList();
    }

    static DhcpConfig config(NetworkState n, int leaseSeconds) {
        List<SubnetState> served = servedSubnets(n);
        List<DhcpSubnet> subnets = new ArrayList<>();
        for (SubnetState s : served) {
            try {
                Cidr cidr = Cidr.parse(s.cidr());
                IpAddress gw = s.gatewayIp() == null ? null : IpAddress.parse(s.gatewayIp());
                List<IpAddress> dns = s.dnsNameservers().stream().limit(DhcpSubnet.MAX_DNS).map(IpAddress::parse)
                        .toList();
                subnets.add(new DhcpSubnet(s.id(), cidr, gw, dns));
            } catch (HelperException e) {
                LOG.warn("network {}: subnet {} not served: {}", n.id(), s.id(), e.getMessage());
            }
        }
        Map<String, Cidr> byId = subnets.stream().collect(Collectors.toMap(DhcpSubnet::id, DhcpSubnet::cidr));
        List<DhcpHost> hosts = new ArrayList<>();
        Set<Mac> v4Macs = new HashSet<>();
        Set<IpAddress> ips = new HashSet<>();
        for (PortState p : n.ports().stream().sorted(Comparator.comparing(PortState::id)).toList()) {
            for (PortState.FixedIp f : p.fixedIps()) {
                if (!byId.containsKey(f.subnetId()) || hosts.size() >= DhcpConfig.MAX_HOSTS) {
                    continue;
                }
                try {
                    Mac mac = Mac.parse(p.macAddress());
                    IpAddress ip = IpAddress.parse(f.ipAddress());
                    if (!byId.get(f.subnetId()).contains(ip) || !ips.add(ip) || (ip.isV4() && !v4Macs.add(mac))) {
                        LOG.warn("network {}: port {} address {} not served (outside its subnet or a duplicate)",
                                n.id(), p.id(), f.ipAddress());
                        continue;
                    }
                    hosts.add(new DhcpHost(mac, ip, hostname(ip)));
                } catch (HelperException e) {
                    LOG.warn("network {}: port {} not served: {}", n.id(), p.id(), e.getMessage());
                }
            }
        }
        int mtu = n.mtu() >= 68 && n.mtu() <= 65_535 ? n.mtu() : DEFAULT_MTU;
        return new DhcpConfig(n.id(), InterfaceNames.domainInside(n.id()), List.copyOf(subnets), List.copyOf(hosts),
                leaseSeconds, mtu);
    }

    /** The DHCP port's address on each served subnet, with that subnet's prefix. */
    static Set<Cidr> domainAddresses(DhcpConfig config, PortState dhcpPort) {
        Function<String, DhcpSubnet> subnet = id -> config.subnets().stream().filter(s -> s.id().equals(id))
                .findFirst().orElse(null);
        Set<Cidr> out = new LinkedHashSet<>();
        for (PortState.FixedIp f : dhcpPort.fixedIps()) {
            DhcpSubnet s = subnet.apply(f.subnetId());
            if (s != null) {
                out.add(Cidr.parse(f.ipAddress() + "/" + s.cidr().prefix()));
            }
        }
        return out;
    }

    /** Neutron's name for a port address: host-10-0-0-5, host-fd00--5. */
    static String hostname(IpAddress ip) {
        String label = "host-" + ip.toString().replace('.', '-').replace(':', '-');
        try {
            return Check.hostname(label, "hostname");
        } catch (HelperException e) {
            return null; // e.g. an address ending in "::": no valid label, dnsmasq serves it without a name
        }
    }
}
