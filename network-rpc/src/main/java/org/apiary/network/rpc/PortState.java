package org.apiary.network.rpc;

import java.util.List;

/**
 * A port as hosts need it: the DHCP server serves {@code fixedIps} to {@code macAddress}; the
 * host of {@code hostId} plugs a tap for it.
 *
 * @param deviceOwner e.g. {@code compute:nova}, {@code network:dhcp}, or empty
 * @param hostId      {@code binding:host_id}, empty when unbound
 * @param mtu         the network's MTU, repeated for the tap
 */
public record PortState(String id, String networkId, String macAddress, String deviceOwner, String deviceId,
                        String hostId, boolean adminStateUp, int mtu, List<FixedIp> fixedIps) {
    public PortState {
        fixedIps = List.copyOf(fixedIps);
    }

    public record FixedIp(String subnetId, String ipAddress) {}
}
