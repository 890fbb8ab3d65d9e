package org.apiary.network.domain;

import java.util.List;
import java.util.Map;

/** Port attributes of a create or update request; null means "not given". */
public record PortSpec(String projectId, String networkId, String name, String description, Boolean adminStateUp,
                       String macAddress, List<FixedIpSpec> fixedIps, String deviceOwner, String deviceId,
                       String hostId, String vnicType, Map<String, Object> profile, Boolean portSecurityEnabled,
                       List<String> securityGroups, List<Port.AddressPair> allowedAddressPairs, String dnsName,
                       List<Port.DhcpOption> extraDhcpOpts) {
    /** One requested address: a subnet, an address, or both. */
    public record FixedIpSpec(String subnetId, String ipAddress) {}
}
