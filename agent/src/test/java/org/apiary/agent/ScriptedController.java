package org.apiary.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiary.network.rpc.AgentReport;
import org.apiary.network.rpc.HostNetworkState;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.network.rpc.SubnetState;

/**
 * The controller side of the contract for agent tests: a desired state the test edits, DHCP ports
 * allocated on demand (the second address of each DHCP subnet, as a simple IPAM would), and the
 * reports it received.
 */
final class ScriptedController implements NetworkAgentRpc {
    static final String HOST = "host-a";

    final Map<String, NetworkState> networks = new java.util.LinkedHashMap<>();
    final List<AgentReport> reports = new CopyOnWriteArrayList<>();
    final Map<String, PortState> dhcpPorts = new ConcurrentHashMap<>();

    @Override
    public synchronized HostNetworkState syncState(String host) {
        return new HostNetworkState(host, List.copyOf(networks.values()));
    }

    @Override
    public synchronized PortState ensureDhcpPort(String host, String networkId) {
        NetworkState n = networks.get(networkId);
        if (n == null) {
            throw new IllegalArgumentException("network " + networkId + " not found");
        }
        List<PortState.FixedIp> ips = new ArrayList<>();
        for (SubnetState s : n.subnets()) {
            if (s.enableDhcp()) {
                ips.add(new PortState.FixedIp(s.id(), secondAddress(s.cidr())));
            }
        }
        PortState p = new PortState("dddddddd-0000-4000-8000-" + networkId.substring(24), networkId,
                "fa:16:3e:dd:00:01", "network:dhcp", "dhcp-" + host, host, true, n.mtu(), ips);
        dhcpPorts.put(networkId, p);
        return p;
    }

    @Override
    public void reportState(AgentReport report) {
        reports.add(report);
    }

    synchronized void put(NetworkState n) {
        networks.put(n.id(), n);
    }

    synchronized void remove(String id) {
        networks.remove(id);
    }

    static String secondAddress(String cidr) {
        String net = cidr.substring(0, cidr.indexOf('/'));
        return net.substring(0, net.lastIndexOf('.') + 1) + "2";
    }

    static SubnetState subnet(String id, String cidr, String gateway) {
        return new SubnetState(id, 4, cidr, gateway, true, List.of("192.0.2.53"), List.of(), null, null);
    }

    static PortState port(String id, String networkId, String mac, String owner, String hostId, String subnetId,
            String ip) {
        return new PortState(id, networkId, mac, owner, "dev-" + id.substring(0, 4), hostId, true, 1450,
                List.of(new PortState.FixedIp(subnetId, ip)));
    }

    static NetworkState network(String id, String type, String physnet, Integer seg, boolean dhcp,
            List<SubnetState> subnets, List<PortState> ports) {
        return new NetworkState(id, "net-" + id.substring(0, 4), type, physnet, seg, 1450, true, dhcp, subnets, ports);
    }
}
