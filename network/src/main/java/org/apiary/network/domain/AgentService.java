package org.apiary.network.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apiary.common.Ids;
import org.apiary.network.rpc.AgentReport;
import org.apiary.network.rpc.HostNetworkState;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.network.rpc.SubnetState;
import org.apiary.network.store.AgentStore;

/**
 * The controller side of the agent contract: heartbeats ({@code GET /v2.0/agents}), DHCP
 * scheduling (one alive DHCP agent per network with a DHCP-enabled subnet, rebound when its agent
 * dies), each host's desired state, and the DHCP ports.
 */
public final class AgentService implements NetworkAgentRpc {
    private final AgentStore store;
    private final NetworkService networks;
    private final SubnetService subnets;
    private final PortService ports;
    private final Changes changes;
    private final Duration downTime;

    public AgentService(AgentStore store, NetworkService networks, SubnetService subnets, PortService ports,
                        Changes changes, int agentDownTimeSeconds) {
        this.store = store;
        this.networks = networks;
        this.subnets = subnets;
        this.ports = ports;
        this.changes = changes;
        this.downTime = Duration.ofSeconds(agentDownTimeSeconds);
    }

    public boolean alive(Agent a) {
        return a.heartbeatAt().isAfter(Instant.now().minus(downTime));
    }

    @Override
    public void reportState(AgentReport r) {
        Agent report = new Agent(Ids.uuid(), r.agentType(), r.binary(), r.topic(), r.host(), r.availabilityZone(),
                true, "", r.configurations(), null, null, null);
        store.heartbeat(report, r.startFlag(), Instant.now());
        if (schedule()) {
            changes.changed(null, "dhcp.schedule");
        }
    }

    public List<Agent> list() {
        return store.list();
    }

    public Agent get(String id) {
        return store.find(id).orElseThrow(() -> Faults.agentNotFound(id));
    }

    public Agent update(String id, Boolean adminStateUp, String description) {
        Agent a = get(id);
        store.update(id, adminStateUp == null ? a.adminStateUp() : adminStateUp,
                description == null ? a.description() : description);
        if (schedule()) {
            changes.changed(null, "dhcp.schedule");
        }
        return get(id);
    }

    public void delete(String id) {
        get(id);
        store.delete(id);
        if (schedule()) {
            changes.changed(null, "dhcp.schedule");
        }
    }

    /** Agents hosting a network's DHCP, and networks a DHCP agent hosts. */
    public List<Agent> dhcpAgentsOf(String networkId) {
        schedule();
        String agent = store.dhcpBindings().get(networkId);
        return agent == null ? List.of() : store.find(agent).map(List::of).orElse(List.of());
    }

    public List<String> networksOfAgent(String agentId) {
        schedule();
        List<String> out = new ArrayList<>();
        store.dhcpBindings().forEach((n, a) -> {
            if (a.equals(agentId)) {
                out.add(n);
            }
        });
        return out;
    }

    /**
     * Binds every network that has a DHCP-enabled subnet to an alive, enabled DHCP agent (the
     * least loaded), keeps bindings to alive agents, drops bindings of networks without DHCP.
     * Returns whether any binding changed.
     */
    public synchronized boolean schedule() {
        List<Agent> candidates = store.list().stream()
                .filter(a -> a.agentType().equals(Agent.DHCP_AGENT) && a.adminStateUp() && alive(a)).toList();
        Map<String, String> bindings = store.dhcpBindings();
        Map<String, Integer> load = new HashMap<>();
        candidates.forEach(a -> load.put(a.id(), 0));
        bindings.values().forEach(a -> load.computeIfPresent(a, (k, v) -> v + 1));
        boolean changed = false;
        for (Network n : networks.list()) {
            boolean dhcp = subnets.ofNetwork(n.id()).stream().anyMatch(Subnet::enableDhcp);
            String bound = bindings.get(n.id());
            if (!dhcp) {
                if (bound != null) {
                    store.unbindDhcp(n.id());
                    changed = true;
                }
                continue;
            }
            if (bound != null && load.containsKey(bound)) {
                continue;
            }
            Optional<String> best = load.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
            if (best.isPresent()) {
                store.bindDhcp(n.id(), best.get());
                load.merge(best.get(), 1, Integer::sum);
                changed = true;
            }
        }
        return changed;
    }

    @Override
    public HostNetworkState syncState(String host) {
        schedule();
        Optional<Agent> dhcpAgent = store.list().stream()
                .filter(a -> a.agentType().equals(Agent.DHCP_AGENT) && a.host().equals(host)).findFirst();
        Map<String, String> bindings = store.dhcpBindings();
        Map<String, List<Port>> bound = new LinkedHashMap<>();
        for (Port p : ports.onHost(host)) {
            bound.computeIfAbsent(p.networkId(), k -> new ArrayList<>()).add(p);
        }
        List<NetworkState> out = new ArrayList<>();
        for (Network n : networks.list()) {
            boolean dhcp = dhcpAgent.isPresent() && dhcpAgent.get().id().equals(bindings.get(n.id()));
            if (!dhcp && !bound.containsKey(n.id())) {
                continue;
            }
            List<Port> portList = dhcp ? ports.ofNetwork(n.id()) : bound.get(n.id());
            out.add(new NetworkState(n.id(), n.name(), n.segment().networkType(), n.segment().physicalNetwork(),
                    n.segment().segmentationId(), n.mtu(), n.adminStateUp(), dhcp,
                    subnets.ofNetwork(n.id()).stream().map(AgentService::subnetState).toList(),
                    portList.stream().sorted(Comparator.comparing(Port::id)).map(p -> portState(p, n.mtu())).toList()));
        }
        return new HostNetworkState(host, out);
    }

    @Override
    public PortState ensureDhcpPort(String host, String networkId) {
        Network n = networks.get(networkId);
        String deviceId = dhcpDeviceId(networkId, host);
        List<Subnet> dhcpSubnets = subnets.ofNetwork(networkId).stream().filter(Subnet::enableDhcp).toList();
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Port> existing = ports.ofNetwork(networkId).stream()
                    .filter(p -> p.isDhcp() && p.deviceId().equals(deviceId)).findFirst();
            if (existing.isEmpty()) {
                Instant now = NetworkService.now();
                Port draft = new Port(Ids.uuid(), networkId, n.projectId(), "", "", "", true,
                        PortService.status(host, true), Port.DHCP_OWNER, deviceId, host, "normal",
                        PortService.vifType(host, "normal"), PortService.vifDetails(host, "normal"), Map.of(), false,
                        List.of(), "", List.of(), List.of(), List.of(), 1, now, now);
                List<IpRequest> ips = dhcpSubnets.stream().map(s -> (IpRequest) new IpRequest.AnyOf(List.of(s)))
                        .toList();
                return portState(ports.createInternal(draft, ips), n.mtu());
            }
            Port p = existing.get();
            List<String> wanted = dhcpSubnets.stream().map(Subnet::id).toList();
            List<String> held = p.fixedIps().stream().map(Port.FixedIp::subnetId).toList();
            if (held.equals(wanted) && p.hostId().equals(host)) {
                return portState(p, n.mtu());
            }
            // Keep the addresses it has on DHCP subnets; add one on each DHCP subnet it lacks.
            List<IpRequest> ips = new ArrayList<>();
            for (Subnet s : dhcpSubnets) {
                Optional<Port.FixedIp> have = p.fixedIps().stream().filter(f -> f.subnetId().equals(s.id())).findFirst();
                ips.add(have.<IpRequest>map(f -> new IpRequest.Exact(s, f.ipAddress()))
                        .orElse(new IpRequest.AnyOf(List.of(s))));
            }
            if (ports.rewriteAddresses(p, ips, host)) {
                return portState(ports.get(p.id()), n.mtu());
            }
        }
        throw Faults.concurrentUpdate();
    }

    /** Neutron's DHCP port device_id: dhcp + uuid5(DNS namespace, short host name) + "-" + network id. */
    public static String dhcpDeviceId(String networkId, String host) {
        return "dhcp" + uuid5(host.split("\\.")[0]) + "-" + networkId;
    }

    static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            UUID ns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"); // uuid.NAMESPACE_DNS
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
            b.putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits());
            sha1.update(b.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(h, 0, 16);
            return new UUID(r.getLong(), r.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static SubnetState subnetState(Subnet s) {
        return new SubnetState(s.id(), s.ipVersion(), s.cidr(), s.gatewayIp(), s.enableDhcp(), s.dnsNameservers(),
                s.hostRoutes().stream().map(r -> new SubnetState.HostRoute(r.destination(), r.nexthop())).toList(),
                s.ipv6AddressMode(), s.ipv6RaMode());
    }

    static PortState portState(Port p, int mtu) {
        return new PortState(p.id(), p.networkId(), p.macAddress(), p.deviceOwner(), p.deviceId(), p.hostId(),
                p.adminStateUp(), mtu, p.fixedIps().stream()
                .map(f -> new PortState.FixedIp(f.subnetId(), f.ipAddress())).toList());
    }
}
