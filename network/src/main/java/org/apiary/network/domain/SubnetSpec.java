package org.apiary.network.domain;

import java.util.List;

/**
 * Subnet attributes of a create or update request; null means "not given". {@code gatewayGiven}
 * tells an explicit {@code "gateway_ip": null} (no gateway) from an absent one (first host).
 */
public record SubnetSpec(String projectId, String networkId, String name, String description, Integer ipVersion,
                         String cidr, String gatewayIp, boolean gatewayGiven, Boolean enableDhcp, String ipv6RaMode,
                         String ipv6AddressMode, List<Subnet.Pool> allocationPools, List<String> dnsNameservers,
                         List<Subnet.HostRoute> hostRoutes) {}
