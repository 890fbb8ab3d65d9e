package org.apiary.network.domain;

import java.time.Instant;
import java.util.List;

/** A Neutron subnet. Pools are inclusive address ranges inside the CIDR. */
public record Subnet(String id, String networkId, String projectId, String name, String description, int ipVersion,
                     String cidr, String gatewayIp, boolean enableDhcp, String ipv6RaMode, String ipv6AddressMode,
                     List<Pool> allocationPools, List<String> dnsNameservers, List<HostRoute> hostRoutes,
                     long revision, Instant createdAt, Instant updatedAt) {
    public Subnet {
        allocationPools = List.copyOf(allocationPools);
        dnsNameservers = List.copyOf(dnsNameservers);
        hostRoutes = List.copyOf(hostRoutes);
    }

    public record Pool(String start, String end) {}

    public record HostRoute(String destination, String nexthop) {}

    /** SLAAC and DHCPv6-stateless subnets: each port's address is derived from its MAC (EUI-64). */
    public boolean autoAddress() {
        return ipVersion == 6 && ("slaac".equals(ipv6AddressMode) || "dhcpv6-stateless".equals(ipv6AddressMode));
    }
}
