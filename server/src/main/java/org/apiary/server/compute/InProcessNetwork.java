package org.apiary.server.compute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.network.NetworkModule;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkService;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.PortService;
import org.apiary.network.domain.PortSpec;
import org.apiary.network.domain.SecurityGroup;
import org.apiary.network.domain.SecurityGroupRule;
import org.apiary.network.domain.SecurityGroupRuleSpec;
import org.apiary.network.domain.SecurityGroupService;
import org.apiary.network.domain.SubnetService;

/**
 * Compute's Neutron, over the network module's domain services in this process. Every port
 * write goes through {@link PortService}, which publishes the same {@code NetworkChange} the
 * HTTP API does, so the host's network agent plugs and unplugs taps either way.
 *
 * <p>Visibility is Neutron's {@code get_network} rule for a project member: its own networks,
 * shared ones and external ones ({@link NetworkInfo#external()} lets compute apply Nova's
 * attach_external_network policy). Ports are always created in the server's project, so
 * Neutron's port quota applies to them.
 *
 * <p>{@link #portsOf} cannot tell which ports compute created: Neutron keeps no such mark (Nova
 * keeps it in the instance's network info cache), so it reports {@code createdByCompute} false
 * for all of them, the answer that never deletes a user's port; the server's own VIF list is the
 * authority for that flag.
 */
public final class InProcessNetwork implements NetworkApi {
    private static final int BIND_ATTEMPTS = 10;

    private final NetworkService networks;
    private final SubnetService subnets;
    private final PortService ports;
    private final SecurityGroupService groups;

    public InProcessNetwork(NetworkModule network) {
        this.networks = network.networks();
        this.subnets = network.subnets();
        this.ports = network.ports();
        this.groups = network.securityGroups();
    }

    @Override
    public List<NetworkInfo> bootableNetworks(String projectId) {
        Set<String> withSubnets = new HashSet<>();
        subnets.list().forEach(s -> withSubnets.add(s.networkId()));
        List<NetworkInfo> out = new ArrayList<>();
        for (Network n : networks.list()) {
            if (!n.external() && (n.shared() || Objects.equals(n.projectId(), projectId))) {
                out.add(info(n, withSubnets.contains(n.id())));
            }
        }
        return out;
    }

    @Override
    public Optional<NetworkInfo> network(String networkId, String projectId) {
        return networks.find(networkId).filter(n -> usable(n, projectId))
                .map(n -> info(n, !subnets.ofNetwork(n.id()).isEmpty()));
    }

    private static boolean usable(Network n, String projectId) {
        return n.shared() || n.external() || Objects.equals(n.projectId(), projectId);
    }

    private static NetworkInfo info(Network n, boolean hasSubnets) {
        return new NetworkInfo(n.id(), n.name(), n.projectId(), n.shared(), n.external(), hasSubnets, n.mtu());
    }

    @Override
    public Optional<PortInfo> port(String portId) {
        return ports.find(portId).map(p -> new PortInfo(p.id(), p.networkId(), p.projectId(), p.deviceId(),
                p.deviceOwner(), p.hostId()));
    }

    @Override
    public Vif createPort(String serverUuid, String projectId, String networkId, String fixedIp,
                          List<String> securityGroups, String host, String zone, String tag) {
        Network n = networks.find(networkId).filter(x -> usable(x, projectId))
                .orElseThrow(() -> Faults.networkNotFound(networkId));
        List<PortSpec.FixedIpSpec> fixed = fixedIp == null ? null : List.of(new PortSpec.FixedIpSpec(null, fixedIp));
        // null lets the port service pick the project's default group (creating it), as the API does.
        List<String> sgs = securityGroups == null || securityGroups.isEmpty() ? null
                : resolveGroups(securityGroups, projectId);
        Port p = ports.create(new PortSpec(projectId, n.id(), "", null, null, null, fixed, owner(zone), serverUuid,
                host, null, null, null, sgs, null, null, null));
        return vif(p, n, true, tag);
    }

    @Override
    public boolean securityGroupExists(String nameOrId, String projectId) {
        return groups.list().stream().anyMatch(g -> Objects.equals(g.projectId(), projectId)
                && (g.id().equals(nameOrId) || g.name().equals(nameOrId)));
    }

    /** Names are looked up among the project's groups (Nova's rule); ids must be the project's too. */
    private List<String> resolveGroups(List<String> wanted, String projectId) {
        List<SecurityGroup> mine = groups.list().stream().filter(g -> Objects.equals(g.projectId(), projectId))
                .toList();
        Set<String> ids = new LinkedHashSet<>();
        for (String w : wanted) {
            Optional<SecurityGroup> byId = mine.stream().filter(g -> g.id().equals(w)).findFirst();
            if (byId.isPresent()) {
                ids.add(byId.get().id());
                continue;
            }
            List<SecurityGroup> named = mine.stream().filter(g -> g.name().equals(w)).toList();
            if (named.isEmpty() && "default".equals(w)) {
                ids.add(groups.ensureDefault(projectId));
            } else if (named.isEmpty()) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "SecurityGroupNotFound", "Security group " + w
                        + " not found for project " + projectId + ".");
            } else if (named.size() > 1) {
                throw Faults.of(ErrorKind.CONFLICT, "NoUniqueMatch", "Multiple security groups named " + w
                        + " exist in project " + projectId + "; use an id.");
            } else {
                ids.add(named.get(0).id());
            }
        }
        return List.copyOf(ids);
    }

    @Override
    public Vif bindPort(String portId, String serverUuid, String host, String zone, String tag) {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Port p = ports.get(portId);
            if (!p.deviceId().isEmpty() && !p.deviceId().equals(serverUuid)) {
                throw Faults.of(ErrorKind.CONFLICT, "PortInUse", "Port " + portId + " is still in use.");
            }
            try {
                // If-Match on the revision read: a concurrent bind to another device cannot slip in between.
                Port bound = ports.update(p.id(), new PortSpec(null, null, null, null, null, null, null, owner(zone),
                        serverUuid, host, null, null, null, null, null, null, null), p.revision());
                return vif(bound, networks.get(bound.networkId()), false, tag);
            } catch (ServiceException e) {
                if (!Faults.REVISION_MISMATCH.equals(e.code())) {
                    throw e;
                }
            }
        }
        throw Faults.concurrentUpdate();
    }

    @Override
    public void rebindPorts(String serverUuid, String host) {
        for (Port p : devicePorts(serverUuid)) {
            if (!p.hostId().equals(host)) {
                updateIfPresent(p.id(), new PortSpec(null, null, null, null, null, null, null, null, null, host, null,
                        null, null, null, null, null, null));
            }
        }
    }

    @Override
    public List<Vif> portsOf(String serverUuid) {
        Map<String, Network> nets = new HashMap<>();
        List<Vif> out = new ArrayList<>();
        for (Port p : devicePorts(serverUuid)) {
            Network n = nets.computeIfAbsent(p.networkId(), networks::get);
            out.add(vif(p, n, false, null));
        }
        return out;
    }

    private List<Port> devicePorts(String serverUuid) {
        return ports.list().stream().filter(p -> p.deviceId().equals(serverUuid)).toList();
    }

    @Override
    public void deletePort(String portId) {
        try {
            ports.delete(portId, null);
        } catch (ServiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public void unbindPort(String portId) {
        updateIfPresent(portId, new PortSpec(null, null, null, null, null, null, null, "", "", "", null, null, null,
                null, null, null, null));
    }

    private void updateIfPresent(String portId, PortSpec change) {
        try {
            ports.update(portId, change, null);
        } catch (ServiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public List<SecurityGroupInfo> securityGroups(String projectId, boolean all) {
        // Neutron creates a project's default group when the project first lists its groups.
        groups.ensureDefault(projectId);
        return groups.list().stream().filter(g -> all || Objects.equals(g.projectId(), projectId))
                .map(InProcessNetwork::groupInfo).toList();
    }

    @Override
    public Optional<SecurityGroupInfo> securityGroup(String id) {
        return groups.find(id).map(InProcessNetwork::groupInfo);
    }

    @Override
    public SecurityGroupInfo createSecurityGroup(String projectId, String name, String description) {
        return groupInfo(groups.create(projectId, name, description, null));
    }

    @Override
    public SecurityGroupInfo updateSecurityGroup(String id, String name, String description) {
        return groupInfo(groups.update(id, name, description, null, null));
    }

    @Override
    public void deleteSecurityGroup(String id, boolean admin) {
        groups.delete(id, admin, null);
    }

    @Override
    public SecurityGroupRuleInfo createIngressRule(IngressRule r) {
        return ruleInfo(groups.createRule(new SecurityGroupRuleSpec(r.projectId(), r.groupId(), "ingress",
                r.ethertype(), r.protocol(), r.portRangeMin(), r.portRangeMax(), r.remoteIpPrefix(),
                r.remoteGroupId(), null)));
    }

    @Override
    public Optional<SecurityGroupRuleInfo> securityGroupRule(String id) {
        return groups.findRule(id).map(InProcessNetwork::ruleInfo);
    }

    @Override
    public void deleteSecurityGroupRule(String id) {
        groups.deleteRule(id);
    }

    @Override
    public Optional<String> findSecurityGroupId(String nameOrId, String projectId, boolean admin) {
        List<SecurityGroup> all = groups.list();
        Optional<SecurityGroup> byId = all.stream().filter(g -> g.id().equals(nameOrId)
                && (admin || Objects.equals(g.projectId(), projectId))).findFirst();
        if (byId.isPresent()) {
            return byId.map(SecurityGroup::id);
        }
        List<SecurityGroup> named = all.stream()
                .filter(g -> Objects.equals(g.projectId(), projectId) && g.name().equals(nameOrId)).toList();
        if (named.size() > 1) {
            throw Faults.of(ErrorKind.CONFLICT, "NoUniqueMatch", "Multiple security_group matches found for name '"
                    + nameOrId + "', use an ID to be more specific.");
        }
        return named.stream().findFirst().map(SecurityGroup::id);
    }

    @Override
    public List<PortGroups> portGroups(String serverUuid) {
        return devicePorts(serverUuid).stream().map(p -> new PortGroups(p.id(), p.securityGroups(),
                p.portSecurityEnabled(), !p.fixedIps().isEmpty())).toList();
    }

    @Override
    public void setPortSecurityGroups(String portId, List<String> groupIds) {
        ports.update(portId, new PortSpec(null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.copyOf(groupIds), null, null, null), null);
    }

    private static SecurityGroupInfo groupInfo(SecurityGroup g) {
        return new SecurityGroupInfo(g.id(), g.projectId(), g.name(), g.description(),
                g.rules().stream().map(InProcessNetwork::ruleInfo).toList());
    }

    private static SecurityGroupRuleInfo ruleInfo(SecurityGroupRule r) {
        return new SecurityGroupRuleInfo(r.id(), r.securityGroupId(), r.direction(), r.ethertype(), r.protocol(),
                r.portRangeMin(), r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId());
    }

    private static String owner(String zone) {
        return "compute:" + (zone == null || zone.isEmpty() ? "nova" : zone);
    }

    private Vif vif(Port p, Network n, boolean createdByCompute, String tag) {
        Map<String, Integer> versions = new HashMap<>();
        subnets.ofNetwork(n.id()).forEach(s -> versions.put(s.id(), s.ipVersion()));
        List<Vif.Ip> ips = new ArrayList<>();
        for (Port.FixedIp ip : p.fixedIps()) {
            // A subnet deleted meanwhile still leaves a readable address.
            int version = versions.getOrDefault(ip.subnetId(), ip.ipAddress().contains(":") ? 6 : 4);
            ips.add(new Vif.Ip(ip.ipAddress(), version, ip.subnetId()));
        }
        return new Vif(p.id(), n.id(), n.name(), p.macAddress(), n.mtu(), ips, createdByCompute, tag);
    }
}
