package org.apiary.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apiary.network.rpc.HostNetworkState;
import org.apiary.network.rpc.NetworkState;
import org.apiary.network.rpc.PortState;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a host's desired network state into helper operations. It remembers what it realized per
 * network ({@link Realization}) and sends only the difference: a new port is one dhcp_reload, a
 * new subnet a dnsmasq restart, a deleted network its teardown. A port bound to this host by
 * compute gets a tap on its network's bridge (as Neutron's bridge agent plugs one), which the guest
 * then uses. Not thread-safe: the agent runs one pass at a time.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What one pass did, for logs and the agent's report. */
    record Pass(int networks, int dhcpNetworks, int subnets, int ports, int computePorts, int failures,
                List<String> notes) {}

    private final PrivilegedHelper helper;
    private final AgentSettings settings;
    private final Map<String, Realization> realized = new LinkedHashMap<>();
    private final Map<String, PortState> computePorts = new LinkedHashMap<>();
    /** Port id → network id of every tap this agent has plugged and not removed. */
    private final Map<String, String> plugged = new LinkedHashMap<>();
    /** Networks whose bridge was (re-)made in the current pass: their taps are plugged again. */
    private final Set<String> bridgesMade = new HashSet<>();

    Reconciler(PrivilegedHelper helper, AgentSettings settings) {
        this.helper = helper;
        this.settings = settings;
    }

    /**
     * At start: removes every tagged tap whose port is not bound here any more, and every tagged
     * bridge, VLAN, VXLAN, domain and dnsmasq whose owner is not a desired network (orphans), and remembers the rest as found-but-unverified, so the first pass
     * re-ensures them and restarts their dnsmasq with the current configuration.
     */
    int adopt(TaggedInventory found, Set<String> desiredNetworks, Set<String> desiredPorts) {
        int failures = 0;
        List<Op> removals = new ArrayList<>();
        // Taps first: a port that is gone, or no longer bound here. Kept taps are re-plugged by the first pass.
        for (TaggedInventory.Named t : found.taps()) {
            if (!desiredPorts.contains(t.owner())) {
                removals.add(new TapDelete(t.name(), t.owner()));
            }
        }
        Set<String> keptWithDhcp = new HashSet<>(), kept = new HashSet<>();
        for (TaggedInventory.Dhcp d : found.dhcp()) {
            if (desiredNetworks.contains(d.owner())) {
                keptWithDhcp.add(d.owner());
            } else {
                removals.add(new DhcpStop(d.owner()));
            }
        }
        for (String owner : found.domains()) {
            if (desiredNetworks.contains(owner)) {
                keptWithDhcp.add(owner);
            } else {
                removals.add(new DomainDelete(owner));
            }
        }
        for (TaggedInventory.Named x : found.vxlans()) {
            keepOr(kept, desiredNetworks, x.owner(), removals, new VxlanDelete(x.name(), x.owner()));
        }
        for (TaggedInventory.Named v : found.vlans()) {
            keepOr(kept, desiredNetworks, v.owner(), removals, new VlanDelete(v.name(), v.owner()));
        }
        for (TaggedInventory.Named b : found.bridges()) {
            keepOr(kept, desiredNetworks, b.owner(), removals, new BridgeDelete(b.name(), b.owner()));
        }
        for (Op op : removals) {
            LOG.info("removing orphan: {}", op);
            if (!apply("orphan", op)) {
                failures++;
            }
        }
        kept.addAll(keptWithDhcp);
        for (String owner : kept) {
            realized.put(owner, Realization.found(owner, keptWithDhcp.contains(owner)));
        }
        LOG.info("start-up inventory: {} orphan objects removed ({} failed), {} networks found and kept",
                removals.size() - failures, failures, kept.size());
        return failures;
    }

    private static void keepOr(Set<String> kept, Set<String> desired, String owner, List<Op> removals, Op removal) {
        if (desired.contains(owner)) {
            kept.add(owner);
        } else {
            removals.add(removal);
        }
    }

    /** One pass over the whole desired state; {@code dhcpPort} asks the controller for a network's DHCP port. */
    Pass reconcile(HostNetworkState desired, Function<String, PortState> dhcpPort) {
        Map<String, NetworkState> wanted = new LinkedHashMap<>();
        desired.networks().forEach(n -> wanted.put(n.id(), n));
        List<String> notes = new ArrayList<>();
        int failures = 0, dhcpNetworks = 0, subnets = 0, ports = 0;

        for (String id : List.copyOf(realized.keySet())) {
            if (!wanted.containsKey(id) && !tearDown(realized.get(id))) {
                failures++;
            }
        }
        computePorts.clear();
        bridgesMade.clear();
        for (NetworkState n : wanted.values()) {
            for (PortState p : n.ports()) {
                if (isComputePortOf(p, settings.host())) {
                    computePorts.put(p.id(), p);
                }
            }
            Realization want;
            try {
                want = plan(n, dhcpPort, notes);
            } catch (RuntimeException e) {
                LOG.warn("network {}: cannot plan it this time ({}); retrying at the next resync", n.id(), e.toString());
                failures++;
                continue;
            }
            if (!realize(realized.get(n.id()), want)) {
                failures++;
            }
            if (want.servesDhcp()) {
                dhcpNetworks++;
                subnets += want.dhcp().subnets().size();
                ports += want.dhcp().hosts().size();
            }
        }
        failures += plugTaps();
        return new Pass(wanted.size(), dhcpNetworks, subnets, ports, computePorts.size(), failures, List.copyOf(notes));
    }

    /**
     * A tap on the bridge for each port bound here whose network is realized; taps of ports that
     * left are removed. Returns the number of failed ports (retried at the next pass).
     */
    private int plugTaps() {
        int failures = 0;
        for (PortState p : computePorts.values()) {
            Realization net = realized.get(p.networkId());
            if (net == null || !net.settled()) {
                continue; // its network failed this pass; the port follows when the network is there
            }
            if (p.networkId().equals(plugged.get(p.id())) && !bridgesMade.contains(p.networkId())) {
                continue;
            }
            String tap = InterfaceNames.tap(p.id());
            if (apply("port " + p.id(), new TapCreate(tap, p.id()))
                    && apply("port " + p.id(), new BridgeAddMember(net.bridge(), tap, p.networkId()))) {
                plugged.put(p.id(), p.networkId());
                LOG.info("port {}: tap {} plugged into {}", p.id(), tap, net.bridge());
            } else {
                failures++;
            }
        }
        for (String portId : List.copyOf(plugged.keySet())) {
            if (!computePorts.containsKey(portId)) {
                if (apply("port " + portId + " (removed)", new TapDelete(InterfaceNames.tap(portId), portId))) {
                    plugged.remove(portId);
                } else {
                    failures++;
                }
            }
        }
        return failures;
    }

    /** A port this host's guests use: bound here ({@code binding:host_id}) by compute. */
    static boolean isComputePortOf(PortState p, String host) {
        return host.equals(p.hostId()) && p.deviceOwner() != null && p.deviceOwner().startsWith("compute:");
    }

    /** Ports bound to this host by compute, each with a tap on its network's bridge once realized. */
    Map<String, PortState> computePorts() {
        return Map.copyOf(computePorts);
    }

    Set<String> realizedNetworks() {
        return Set.copyOf(realized.keySet());
    }

    private Realization plan(NetworkState n, Function<String, PortState> dhcpPort, List<String> notes) {
        String bridge = InterfaceNames.bridge(n.id());
        Op segment = segment(n, notes);
        boolean dhcp = n.dhcp() && n.adminStateUp() && !DhcpPlanner.servedSubnets(n).isEmpty();
        if (!dhcp) {
            return new Realization(n.id(), bridge, segment, Set.of(), null, true);
        }
        PortState port = dhcpPort.apply(n.id());
        DhcpConfig config = DhcpPlanner.config(n, settings.leaseSeconds());
        return new Realization(n.id(), bridge, segment, DhcpPlanner.domainAddresses(config, port), config, true);
    }

    private Op segment(NetworkState n, List<String> notes) {
        String type = n.networkType() == null ? "local" : n.networkType();
        switch (type) {
            case "vlan" -> {
                String iface = settings.physicalInterfaces().get(n.physicalNetwork());
                if (iface == null || n.segmentationId() == null) {
                    notes.add("network " + n.id() + ": no interface mapped for physical network '"
                            + n.physicalNetwork() + "'; realized as a local bridge");
                    return null;
                }
                return new VlanEnsure(InterfaceNames.vlan(n.id()), iface, n.segmentationId(), n.id());
            }
            case "vxlan" -> {
                if (settings.localIp() == null || n.segmentationId() == null) {
                    return null; // reported once in the agent's configurations
                }
                IpAddress remote = settings.vxlanRemoteIp() == null ? null : IpAddress.parse(settings.vxlanRemoteIp());
                IpAddress group = settings.vxlanGroup() == null ? null : IpAddress.parse(settings.vxlanGroup());
                return new VxlanEnsure(InterfaceNames.vxlan(n.id()), n.segmentationId(),
                        IpAddress.parse(settings.localIp()), remote, group, group == null ? null : settings.vxlanDevice(),
                        n.id());
            }
            case "flat" -> {
                notes.add("network " + n.id() + ": flat on '" + settings.physicalInterfaces().get(n.physicalNetwork())
                        + "' needs the uplink itself on the bridge, which the helper does not offer yet; realized as "
                        + "a local bridge");
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Applies the difference between {@code have} (null: nothing yet) and {@code want}; false on failure. */
    private boolean realize(Realization have, Realization want) {
        String id = want.networkId(), bridge = want.bridge();
        List<Op> ops = new ArrayList<>();
        boolean fresh = have == null || !have.settled();
        if (fresh) {
            ops.add(new BridgeEnsure(bridge, id));
            bridgesMade.add(id);
        }
        Op oldSegment = have == null ? null : have.segment();
        if (oldSegment != null && !oldSegment.equals(want.segment())) {
            ops.add(deleteOf(oldSegment));
        }
        if (want.segment() != null && (fresh || !want.segment().equals(oldSegment))) {
            ops.add(want.segment());
            ops.add(new BridgeAddMember(bridge, memberOf(want.segment()), id));
        }
        boolean hadDhcp = have != null && have.servesDhcp();
        boolean rebuild = hadDhcp && want.servesDhcp() && !want.domainAddresses().containsAll(have.domainAddresses());
        if (hadDhcp && (!want.servesDhcp() || rebuild)) {
            ops.add(new DhcpStop(id));
            ops.add(new DomainDelete(id));
        }
        if (want.servesDhcp()) {
            String inside = InterfaceNames.domainInside(id);
            boolean newDomain = fresh || !hadDhcp || rebuild;
            if (newDomain) {
                ops.add(new DomainEnsure(id, InterfaceNames.domainOutside(id), inside));
                ops.add(new BridgeAddMember(bridge, InterfaceNames.domainOutside(id), id));
            }
            for (Cidr a : want.domainAddresses()) {
                if (newDomain || !have.domainAddresses().contains(a)) {
                    ops.add(new DomainAddressAdd(id, inside, a));
                }
            }
            DhcpConfig old = hadDhcp && !rebuild ? have.dhcp() : null;
            if (old == null) {
                ops.add(new DhcpStart(want.dhcp()));
            } else if (fresh || serverChanged(old, want.dhcp())) {
                ops.add(new DhcpStop(id));
                ops.add(new DhcpStart(want.dhcp()));
            } else if (!old.hosts().equals(want.dhcp().hosts())) {
                ops.add(new DhcpReload(want.dhcp()));
            }
        }
        for (Op op : ops) {
            if (!apply("network " + id, op)) {
                // Keep what may still exist (an old segment or dnsmasq) so the next pass finishes or undoes it.
                realized.put(id, new Realization(id, bridge, want.segment() != null ? want.segment() : oldSegment,
                        want.domainAddresses(), want.servesDhcp() ? want.dhcp() : hadDhcp ? have.dhcp() : null, false));
                return false;
            }
        }
        realized.put(id, want);
        if (!ops.isEmpty()) {
            LOG.info("network {}: {} helper operations applied", id, ops.size());
        }
        return true;
    }

    /** Subnets, interface, lease time or MTU differ: dnsmasq's command line changes, a SIGHUP is not enough. */
    private static boolean serverChanged(DhcpConfig a, DhcpConfig b) {
        return !a.subnets().equals(b.subnets()) || !a.iface().equals(b.iface()) || a.leaseSeconds() != b.leaseSeconds()
                || a.mtu() != b.mtu();
    }

    private boolean tearDown(Realization r) {
        String id = r.networkId();
        List<Op> ops = new ArrayList<>();
        if (r.servesDhcp() || !r.settled()) {
            ops.add(new DhcpStop(id));
            ops.add(new DomainDelete(id));
        }
        if (r.segment() != null) {
            ops.add(deleteOf(r.segment()));
        }
        ops.add(new BridgeDelete(r.bridge(), id));
        for (Op op : ops) {
            if (!apply("network " + id + " (removed)", op)) {
                realized.put(id, r.unsettled());
                return false;
            }
        }
        realized.remove(id);
        LOG.info("network {}: removed from this host", id);
        return true;
    }

    private static Op deleteOf(Op segment) {
        return switch (segment) {
            case VlanEnsure v -> new VlanDelete(v.name(), v.owner());
            case VxlanEnsure x -> new VxlanDelete(x.name(), x.owner());
            default -> throw new IllegalArgumentException("not a segment: " + segment);
        };
    }

    private static String memberOf(Op segment) {
        return switch (segment) {
            case VlanEnsure v -> v.name();
            case VxlanEnsure x -> x.name();
            default -> throw new IllegalArgumentException("not a segment: " + segment);
        };
    }

    /** One helper call; a refusal or host failure is logged with the helper's code and reported as false. */
    private boolean apply(String what, Op op) {
        try {
            helper.call(op);
            return true;
        } catch (HelperException e) {
            LOG.warn("{}: {} failed: {} ({}); retrying at the next resync", what, OpCatalog.nameOf(op),
                    e.getMessage(), e.code().wire());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("{}: {} failed: {}; retrying at the next resync", what, OpCatalog.nameOf(op), e.toString());
            return false;
        }
    }
}
