package org.apiary.network.rpc;

import java.util.List;

/**
 * A subnet as the DHCP server needs it.
 *
 * @param gatewayIp       null when the subnet has no gateway
 * @param ipv6AddressMode null, {@code slaac}, {@code dhcpv6-stateful} or {@code dhcpv6-stateless}
 */
public record SubnetState(String id, int ipVersion, String cidr, String gatewayIp, boolean enableDhcp,
                          List<String> dnsNameservers, List<HostRoute> hostRoutes, String ipv6AddressMode,
                          String ipv6RaMode) {
    public SubnetState {
        dnsNameservers = List.copyOf(dnsNameservers);
        hostRoutes = List.copyOf(hostRoutes);
    }

    public record HostRoute(String destination, String nexthop) {}
}
