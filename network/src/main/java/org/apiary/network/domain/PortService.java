package org.apiary.network.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apiary.common.Ids;
import org.apiary.common.error.ErrorKind;
import org.apiary.network.store.NetworkStore;

/** Ports: MACs, addresses (Neutron's default allocation rules), binding, security groups, address pairs. */
public final class PortService {
    public static final List<String> VNIC_TYPES = List.of("normal", "direct", "macvtap", "baremetal",
            "direct-physical", "virtio-forwarder", "smart-nic", "vdpa", "remote-managed", "accelerator-direct",
            "accelerator-direct-physical");

    private final NetworkStore store;
    private final NetworkService networks;
    private final SecurityGroupService groups;
    private final QuotaService quotas;
    private final Changes changes;
    private final String baseMac;
    private final int maxAddressPairs;

    public PortService(NetworkStore store, NetworkService networks, SecurityGroupService groups, QuotaService quotas,
                       Changes changes, String baseMac, int maxAddressPairs) {
        this.store = store;
        this.networks = networks;
        this.groups = groups;
        this.quotas = quotas;
        this.changes = changes;
        this.baseMac = checkBaseMac(baseMac);
        this.maxAddressPairs = maxAddressPairs;
    }

    private static String checkBaseMac(String mac) {
        if (normalizeMac(mac) == null) {
            throw new IllegalArgumentException("[network] base_mac: '" + mac + "' is not a MAC address");
        }
        return mac.toLowerCase();
    }

    /** A random MAC on base_mac: its first three bytes, and every later byte that is not 00. */
    public String newMac() {
        String[] base = baseMac.split(":");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String b = i < 3 || !base[i].equals("00") ? base[i]
                    : String.format("%02x", ThreadLocalRandom.current().nextInt(256));
            sb.append(i == 0 ? "" : ":").append(b);
        }
        return sb.toString();
    }

    static String normalizeMac(String mac) {
        if (mac == null || !mac.matches("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")) {
            return null;
        }
        return mac.toLowerCase().replace('-', ':');
    }

    public Port create(PortSpec s) {
        Network net = networks.get(s.networkId());
        String owner = s.deviceOwner() == null ? "" : s.deviceOwner();
        String mac = null;
        if (s.macAddress() != null) {
            mac = normalizeMac(s.macAddress());
            if (mac == null || isMulticastOrZero(mac)) {
                throw Faults.invalidInput("Invalid input for mac_address. Reason: '" + s.macAddress()
                        + "' is not a valid MAC address");
            }
        }
        boolean psec = s.portSecurityEnabled() == null ? net.portSecurityEnabled() : s.portSecurityEnabled();
        List<Subnet> subnets = store.subnetsOf(net.id());
        String macForEui = mac;
        List<IpRequest> ips = s.fixedIps() == null ? defaultRequests(subnets)
                : requests(net, subnets, s.fixedIps());
        List<String> sgs = securityGroups(s.securityGroups(), psec, owner, s.projectId());
        List<Port.AddressPair> pairs = addressPairs(s.allowedAddressPairs(), psec);
        Instant now = NetworkService.now();
        String host = s.hostId() == null ? "" : s.hostId();
        String vnic = vnic(s.vnicType());
        boolean up = s.adminStateUp() == null || s.adminStateUp();
        Port draft = new Port(Ids.uuid(), net.id(), s.projectId(), nz(s.name()), nz(s.description()),
                mac == null ? "" : mac, up, status(host, up), owner, nz(s.deviceId()), host, vnic, vifType(host, vnic),
                vifDetails(host, vnic), s.profile() == null ? Map.of() : s.profile(), psec, pairs, nz(s.dnsName()),
                s.extraDhcpOpts() == null ? List.of() : s.extraDhcpOpts(), List.of(), sgs, 1, now, now);
        // EUI-64 addresses depend on the MAC; with a generated MAC they are derived per attempt.
        Supplier<String> gen = mac == null ? this::newMac : null;
        Port created = createWithEui(draft, gen, ips, subnets, macForEui);
        changes.changed(net.id(), "port.create");
        return created;
    }

    private Port createWithEui(Port draft, Supplier<String> gen, List<IpRequest> ips, List<Subnet> subnets,
                               String mac) {
        List<Subnet> auto = subnets.stream().filter(Subnet::autoAddress).toList();
        if (auto.isEmpty() || ips.stream().anyMatch(r -> r instanceof IpRequest.Exact e && e.subnet().autoAddress())) {
            return store.createPort(draft, gen, ips, quotas.limit(draft.projectId(), "port"));
        }
        // Fix the MAC first so that the SLAAC addresses can be computed from it.
        String chosen = mac != null ? mac : newMac();
        Port withMac = new Port(draft.id(), draft.networkId(), draft.projectId(), draft.name(), draft.description(),
                chosen, draft.adminStateUp(), draft.status(), draft.deviceOwner(), draft.deviceId(), draft.hostId(),
                draft.vnicType(), draft.vifType(), draft.vifDetails(), draft.profile(), draft.portSecurityEnabled(),
                draft.allowedAddressPairs(), draft.dnsName(), draft.extraDhcpOpts(), List.of(), draft.securityGroups(),
                draft.revision(), draft.createdAt(), draft.updatedAt());
        List<IpRequest> all = new ArrayList<>(ips);
        for (Subnet s : auto) {
            all.add(new IpRequest.Exact(s, IpAddresses.eui64(IpAddresses.parseCidr(s.cidr(), false), chosen)));
        }
        return store.createPort(withMac, null, all, quotas.limit(draft.projectId(), "port"));
    }

    private static boolean isMulticastOrZero(String mac) {
        return (Integer.parseInt(mac.substring(0, 2), 16) & 1) == 1 || mac.equals("00:00:00:00:00:00");
    }

    /** Neutron's default: one address from the IPv4 subnets, one from the stateful IPv6 ones. */
    private static List<IpRequest> defaultRequests(List<Subnet> subnets) {
        List<IpRequest> out = new ArrayList<>();
        List<Subnet> v4 = subnets.stream().filter(s -> s.ipVersion() == 4).toList();
        List<Subnet> v6 = subnets.stream().filter(s -> s.ipVersion() == 6 && !s.autoAddress()).toList();
        if (!v4.isEmpty()) {
            out.add(new IpRequest.AnyOf(v4));
        }
        if (!v6.isEmpty()) {
            out.add(new IpRequest.AnyOf(v6));
        }
        return out;
    }

    private List<IpRequest> requests(Network net, List<Subnet> subnets, List<PortSpec.FixedIpSpec> fixed) {
        List<IpRequest> out = new ArrayList<>();
        Set<String> exact = new HashSet<>();
        for (PortSpec.FixedIpSpec f : fixed) {
            Subnet subnet = null;
            if (f.subnetId() != null) {
                subnet = subnets.stream().filter(s -> s.id().equals(f.subnetId())).findFirst().orElse(null);
                if (subnet == null) {
                    if (store.findSubnet(f.subnetId()).isEmpty()) {
                        throw Faults.subnetNotFound(f.subnetId());
                    }
                    throw Faults.invalidInput("Failed to create port on network " + net.id()
                            + ", because fixed_ips included invalid subnet " + f.subnetId());
                }
            }
            if (f.ipAddress() != null) {
                IpAddresses.Ip ip = IpAddresses.parse(f.ipAddress());
                if (ip == null) {
                    throw Faults.invalidInput("Invalid input for fixed_ips. Reason: '" + f.ipAddress()
                            + "' is not a valid IP address");
                }
                if (subnet == null) {
                    subnet = subnets.stream().filter(s -> IpAddresses.parseCidr(s.cidr(), false).contains(ip))
                            .findFirst().orElseThrow(() -> Faults.invalidIpForNetwork(f.ipAddress()));
                }
                IpAddresses.Cidr cidr = IpAddresses.parseCidr(subnet.cidr(), false);
                if (!cidr.contains(ip) || (cidr.version() == 4 && cidr.prefix() < 31
                        && (ip.value().equals(cidr.network()) || ip.value().equals(cidr.last())))) {
                    throw Faults.invalidIpForSubnet(f.ipAddress());
                }
                if (!exact.add(subnet.id() + " " + ip)) {
                    throw Faults.invalidInput("Duplicate IP address '" + ip + "'");
                }
                out.add(new IpRequest.Exact(subnet, ip.toString()));
            } else if (subnet != null) {
                if (subnet.autoAddress()) {
                    continue; // SLAAC addresses are added from the MAC
                }
                out.add(new IpRequest.AnyOf(List.of(subnet)));
            } else {
                throw Faults.invalidInput("IP allocation requires subnet_id or ip_address");
            }
        }
        return out;
    }

    private List<String> securityGroups(List<String> given, boolean psec, String owner, String projectId) {
        if (given == null) {
            if (!psec || Port.isNetworkDevice(owner)) {
                return List.of();
            }
            return List.of(groups.ensureDefault(projectId));
        }
        if (!given.isEmpty() && !psec) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "PortSecurityAndIPRequiredForSecurityGroups",
                    "Port security must be enabled and port must have an IP address in order to use security groups.");
        }
        for (String g : given) {
            groups.get(g);
        }
        return List.copyOf(new java.util.LinkedHashSet<>(given));
    }

    private List<Port.AddressPair> addressPairs(List<Port.AddressPair> given, boolean psec) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (!psec) {
            throw Faults.of(ErrorKind.CONFLICT, "AddressPairAndPortSecurityRequired",
                    "Port Security must be enabled in order to have allowed address pairs on a port.");
        }
        if (given.size() > maxAddressPairs) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "AllowedAddressPairExhausted",
                    "The number of allowed address pair exceeds the maximum " + maxAddressPairs + ".");
        }
        List<Port.AddressPair> out = new ArrayList<>();
        Set<Port.AddressPair> seen = new HashSet<>();
        for (Port.AddressPair p : given) {
            IpAddresses.Cidr c = p.ipAddress() == null ? null : IpAddresses.parseCidr(p.ipAddress(), false);
            if (c == null) {
                throw Faults.invalidInput("Invalid input for allowed_address_pairs. Reason: '" + p.ipAddress()
                        + "' is not a valid IP address");
            }
            String mac = p.macAddress() == null ? null : normalizeMac(p.macAddress());
            if (p.macAddress() != null && mac == null) {
                throw Faults.invalidInput("Invalid input for allowed_address_pairs. Reason: '" + p.macAddress()
                        + "' is not a valid MAC address");
            }
            Port.AddressPair n = new Port.AddressPair(p.ipAddress(), mac);
            if (!seen.add(n)) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "DuplicateAddressPairInRequest", "Request contains duplicate "
                        + "address pair: mac_address " + mac + " ip_address " + p.ipAddress() + ".");
            }
            out.add(n);
        }
        return out;
    }

    private static String vnic(String given) {
        if (given == null) {
            return "normal";
        }
        if (!VNIC_TYPES.contains(given)) {
            throw Faults.invalidInput("Invalid input for binding:vnic_type. Reason: '" + given + "' is not in "
                    + VNIC_TYPES);
        }
        return given;
    }

    /** Linux-bridge-style binding: a bound normal port is plugged as a tap on the network's bridge. */
    static String vifType(String host, String vnic) {
        if (host.isEmpty()) {
            return "unbound";
        }
        return vnic.equals("normal") ? "bridge" : "binding_failed";
    }

    static Map<String, Object> vifDetails(String host, String vnic) {
        if (!vifType(host, vnic).equals("bridge")) {
            return Map.of();
        }
        return Map.of("connectivity", "l2", "port_filter", false);
    }

    /** ACTIVE once bound to a host and administratively up; DOWN otherwise. */
    static String status(String host, boolean up) {
        return !host.isEmpty() && up ? "ACTIVE" : "DOWN";
    }

    public Optional<Port> find(String id) {
        return store.findPort(id);
    }

    public Port get(String id) {
        return store.findPort(id).orElseThrow(() -> Faults.portNotFound(id));
    }

    public List<Port> list() {
        return store.listPorts();
    }

    public List<Port> ofNetwork(String networkId) {
        return store.portsOf(networkId);
    }

    public List<Port> onHost(String host) {
        return store.portsOnHost(host);
    }

    public Port update(String id, PortSpec s, Long ifMatch) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Port p = get(id);
            Revisions.check(ifMatch, p.revision());
            String mac = p.macAddress();
            if (s.macAddress() != null) {
                String m = normalizeMac(s.macAddress());
                if (m == null || isMulticastOrZero(m)) {
                    throw Faults.invalidInput("Invalid input for mac_address. Reason: '" + s.macAddress()
                            + "' is not a valid MAC address");
                }
                if (!m.equals(mac) && !p.hostId().isEmpty()) {
                    throw Faults.of(ErrorKind.CONFLICT, "PortBound", "Unable to complete operation on port " + id
                            + ", port is already bound, port type: " + p.vifType() + ", old_mac " + mac
                            + ", new_mac " + m + ".");
                }
                mac = m;
            }
            boolean psec = s.portSecurityEnabled() == null ? p.portSecurityEnabled() : s.portSecurityEnabled();
            List<String> sgs = s.securityGroups() != null ? securityGroups(s.securityGroups(), psec,
                    p.deviceOwner(), p.projectId()) : (psec ? p.securityGroups() : checkNoGroups(p));
            List<Port.AddressPair> pairs = s.allowedAddressPairs() != null ? addressPairs(s.allowedAddressPairs(), psec)
                    : addressPairs(p.allowedAddressPairs(), psec || p.allowedAddressPairs().isEmpty());
            List<IpRequest> ips = null;
            List<Subnet> subnets = store.subnetsOf(p.networkId());
            if (s.fixedIps() != null) {
                ips = updatedRequests(p, subnets, s.fixedIps(), mac);
            } else if (!mac.equals(p.macAddress()) && subnets.stream().anyMatch(Subnet::autoAddress)) {
                ips = updatedRequests(p, subnets, p.fixedIps().stream().filter(f -> subnets.stream()
                        .noneMatch(sn -> sn.id().equals(f.subnetId()) && sn.autoAddress()))
                        .map(f -> new PortSpec.FixedIpSpec(f.subnetId(), f.ipAddress())).toList(), mac);
            }
            String host = s.hostId() == null ? p.hostId() : s.hostId();
            String vnic = s.vnicType() == null ? p.vnicType() : vnic(s.vnicType());
            boolean up = s.adminStateUp() == null ? p.adminStateUp() : s.adminStateUp();
            Port u = new Port(p.id(), p.networkId(), p.projectId(), s.name() == null ? p.name() : s.name(),
                    s.description() == null ? p.description() : s.description(), mac, up, status(host, up),
                    s.deviceOwner() == null ? p.deviceOwner() : s.deviceOwner(),
                    s.deviceId() == null ? p.deviceId() : s.deviceId(), host, vnic, vifType(host, vnic),
                    vifDetails(host, vnic), s.profile() == null ? p.profile() : s.profile(), psec, pairs,
                    s.dnsName() == null ? p.dnsName() : s.dnsName(),
                    s.extraDhcpOpts() == null ? p.extraDhcpOpts() : s.extraDhcpOpts(), p.fixedIps(), sgs,
                    p.revision() + 1, p.createdAt(), NetworkService.now());
            if (store.updatePort(u, ips, p.revision())) {
                changes.changed(p.networkId(), "port.update");
                return get(id);
            }
        }
        throw Faults.concurrentUpdate();
    }

    private static List<String> checkNoGroups(Port p) {
        if (!p.securityGroups().isEmpty()) {
            throw Faults.of(ErrorKind.CONFLICT, "PortSecurityPortHasSecurityGroup", "Port has security group "
                    + "associated. Cannot disable port security or ip address until security group is removed");
        }
        return List.of();
    }

    /** New addresses: kept ones stay exact, subnet-only entries keep the port's address on that subnet. */
    private List<IpRequest> updatedRequests(Port p, List<Subnet> subnets, List<PortSpec.FixedIpSpec> fixed,
                                            String mac) {
        List<PortSpec.FixedIpSpec> resolved = new ArrayList<>();
        for (PortSpec.FixedIpSpec f : fixed) {
            if (f.ipAddress() == null && f.subnetId() != null) {
                Optional<Port.FixedIp> held = p.fixedIps().stream().filter(x -> x.subnetId().equals(f.subnetId()))
                        .findFirst();
                resolved.add(held.map(h -> new PortSpec.FixedIpSpec(h.subnetId(), h.ipAddress())).orElse(f));
            } else {
                resolved.add(f);
            }
        }
        Network net = networks.get(p.networkId());
        List<IpRequest> out = new ArrayList<>(requests(net, subnets, resolved));
        for (Subnet s : subnets) {
            if (s.autoAddress()) {
                out.add(new IpRequest.Exact(s, IpAddresses.eui64(IpAddresses.parseCidr(s.cidr(), false), mac)));
            }
        }
        return out;
    }

    public void delete(String id, Long ifMatch) {
        Port p = get(id);
        Revisions.check(ifMatch, p.revision());
        store.deletePort(id);
        changes.changed(p.networkId(), "port.delete");
    }

    /** Creates or repairs a port with explicit requests (the DHCP port); used by the agent RPC. */
    Port createInternal(Port draft, List<IpRequest> ips) {
        Port p = store.createPort(draft, this::newMac, ips, -1);
        changes.changed(p.networkId(), "port.create");
        return p;
    }

    boolean rewriteAddresses(Port p, List<IpRequest> ips, String host) {
        Port u = new Port(p.id(), p.networkId(), p.projectId(), p.name(), p.description(), p.macAddress(),
                p.adminStateUp(), status(host, p.adminStateUp()), p.deviceOwner(), p.deviceId(), host, p.vnicType(),
                vifType(host, p.vnicType()), vifDetails(host, p.vnicType()), p.profile(), p.portSecurityEnabled(),
                p.allowedAddressPairs(), p.dnsName(), p.extraDhcpOpts(), p.fixedIps(), p.securityGroups(),
                p.revision() + 1, p.createdAt(), NetworkService.now());
        boolean ok = store.updatePort(u, ips, p.revision());
        if (ok) {
            changes.changed(p.networkId(), "port.update");
        }
        return ok;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
