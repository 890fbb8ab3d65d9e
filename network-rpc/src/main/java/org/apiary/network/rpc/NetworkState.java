package org.apiary.network.rpc;

import java.util.List;

/**
 * One network as a host realizes it.
 *
 * @param networkType     {@code flat}, {@code vlan}, {@code vxlan} or {@code local}
 * @param physicalNetwork for flat and vlan: the name the agent maps to an uplink; else null
 * @param segmentationId  VLAN id or VNI; null for flat and local
 * @param dhcp            true when this host serves DHCP for the network (it has a DHCP-enabled
 *                        subnet and the network is scheduled to this host's DHCP agent)
 * @param ports           ports bound to this host ({@code binding:host_id}) plus, when
 *                        {@code dhcp}, every port of the network (the DHCP server needs them all)
 */
public record NetworkState(String id, String name, String networkType, String physicalNetwork,
                           Integer segmentationId, int mtu, boolean adminStateUp, boolean dhcp,
                           List<SubnetState> subnets, List<PortState> ports) {
    public NetworkState {
        subnets = List.copyOf(subnets);
        ports = List.copyOf(ports);
    }
}
