package org.apiary.network.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Neutron port with its binding, addresses and security groups. */
public record Port(String id, String networkId, String projectId, String name, String description,
                   String macAddress, boolean adminStateUp, String status, String deviceOwner, String deviceId,
                   String hostId, String vnicType, String vifType, Map<String, Object> vifDetails,
                   Map<String, Object> profile, boolean portSecurityEnabled, List<AddressPair> allowedAddressPairs,
                   String dnsName, List<DhcpOption> extraDhcpOpts, List<FixedIp> fixedIps,
                   List<String> securityGroups, long revision, Instant createdAt, Instant updatedAt) {
    public static final String DHCP_OWNER = "network:dhcp";

    public Port {
        vifDetails = Map.copyOf(vifDetails);
        profile = Map.copyOf(profile);
        allowedAddressPairs = List.copyOf(allowedAddressPairs);
        extraDhcpOpts = List.copyOf(extraDhcpOpts);
        fixedIps = List.copyOf(fixedIps);
        securityGroups = List.copyOf(securityGroups);
    }

    public record FixedIp(String subnetId, String ipAddress) {}

    public record AddressPair(String ipAddress, String macAddress) {}

    public record DhcpOption(String optName, String optValue, int ipVersion) {}

    public boolean isDhcp() {
        return DHCP_OWNER.equals(deviceOwner);
    }

    /** Ports of network services (DHCP, routers) get no default security group. */
    public static boolean isNetworkDevice(String owner) {
        return owner != null && owner.startsWith("network:");
    }

    public Port withAddresses(List<FixedIp> ips) {
        return new Port(id, networkId, projectId, name, description, macAddress, adminStateUp, status, deviceOwner,
                deviceId, hostId, vnicType, vifType, vifDetails, profile, portSecurityEnabled, allowedAddressPairs,
                dnsName, extraDhcpOpts, ips, securityGroups, revision, createdAt, updatedAt);
    }
}
