package org.apiary.network.domain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiary.common.Ids;
import org.apiary.common.error.ErrorKind;
import org.apiary.network.store.NetworkStore;

/** Subnets: CIDR, gateway, pools, DNS and routes validated as Neutron does; overlap refused per network. */
public final class SubnetService {
    private static final List<String> V6_MODES = List.of("slaac", "dhcpv6-stateful", "dhcpv6-stateless");

    private final NetworkStore store;
    private final QuotaService quotas;
    private final Changes changes;
    private final int maxDns;
    private final int maxRoutes;

    public SubnetService(NetworkStore store, QuotaService quotas, Changes changes, int maxDns, int maxRoutes) {
        this.store = store;
        this.quotas = quotas;
        this.changes = changes;
        this.maxDns = maxDns;
        this.maxRoutes = maxRoutes;
    }

    public Subnet create(SubnetSpec s) {
        if (s.cidr() == null) {
            throw Faults.badRequest("subnets", "a subnetpool must be specified in the absence of a cidr");
        }
        if (s.ipVersion() == null) {
            throw Faults.invalidInput("ip_version is required");
        }
        if (s.ipVersion() != 4 && s.ipVersion() != 6) {
            throw Faults.invalidInput("Invalid input for ip_version. Reason: '" + s.ipVersion()
                    + "' is not in [4, 6]");
        }
        IpAddresses.Cidr cidr = parseCidr(s.cidr());
        if (cidr.version() != s.ipVersion()) {
            throw Faults.invalidInput("Cidr " + s.cidr() + " and IP version " + s.ipVersion() + " mismatch");
        }
        checkIpv6Modes(s, cidr);
        String gateway;
        if (s.gatewayGiven()) {
            gateway = s.gatewayIp() == null ? null : checkGateway(s.gatewayIp(), cidr);
        } else {
            gateway = IpAddresses.format(cidr.network().add(BigInteger.ONE), cidr.version());
            if (cidr.firstHost().compareTo(cidr.lastHost()) >= 0) {
                gateway = null; // a /31 or /32 has no room for a gateway
            }
        }
        List<Subnet.Pool> pools = s.allocationPools() == null ? Ipam.defaultPools(cidr, gateway)
                : checkPools(s.allocationPools(), cidr);
        checkGatewayOutsidePools(gateway, pools);
        Instant now = NetworkService.now();
        Subnet subnet = new Subnet(Ids.uuid(), s.networkId(), s.projectId(), nz(s.name()), nz(s.description()),
                s.ipVersion(), cidr.toString(), gateway, s.enableDhcp() == null || s.enableDhcp(), s.ipv6RaMode(),
                s.ipv6AddressMode(), pools, checkDns(s.dnsNameservers()), checkRoutes(s.hostRoutes(), cidr.version()),
                1, now, now);
        Subnet created = store.createSubnet(subnet, siblings -> {
            for (Subnet other : siblings) {
                if (IpAddresses.parseCidr(other.cidr(), false).overlaps(cidr)) {
                    throw Faults.invalidInput("Requested subnet with cidr: " + cidr + " for network: "
                            + s.networkId() + " overlaps with another subnet");
                }
            }
        }, quotas.limit(s.projectId(), "subnet"));
        changes.changed(created.networkId(), "subnet.create");
        return created;
    }

    private static IpAddresses.Cidr parseCidr(String text) {
        IpAddresses.Cidr loose = IpAddresses.parseCidr(text, false);
        if (loose == null || !text.contains("/")) {
            throw Faults.invalidInput("Invalid input for cidr. Reason: '" + text + "' is not a valid IP subnet");
        }
        if (loose.version() == 4 && !loose.toString().equals(text)) {
            throw Faults.invalidInput("Invalid input for cidr. Reason: '" + text + "' isn't a recognized IP subnet "
                    + "cidr, '" + loose + "' is recommended");
        }
        if (loose.version() == 6 && IpAddresses.parseCidr(text, true) == null) {
            throw Faults.invalidInput("Invalid input for cidr. Reason: '" + text + "' isn't a recognized IP subnet "
                    + "cidr, '" + loose + "' is recommended");
        }
        if (loose.version() == 4 && loose.prefix() == 0 || loose.version() == 6 && loose.prefix() == 0) {
            throw Faults.invalidInput("0 is not allowed as CIDR prefix length");
        }
        return loose;
    }

    private static void checkIpv6Modes(SubnetSpec s, IpAddresses.Cidr cidr) {
        for (String[] m : new String[][] {{"ipv6_ra_mode", s.ipv6RaMode()}, {"ipv6_address_mode", s.ipv6AddressMode()}}) {
            if (m[1] == null) {
                continue;
            }
            if (!V6_MODES.contains(m[1])) {
                throw Faults.invalidInput("Invalid input for " + m[0] + ". Reason: '" + m[1]
                        + "' is not in ['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']");
            }
            if (cidr.version() == 4) {
                throw Faults.invalidInput(m[0] + " is not valid when ip_version is 4");
            }
        }
        if (s.ipv6RaMode() != null && s.ipv6AddressMode() != null && !s.ipv6RaMode().equals(s.ipv6AddressMode())) {
            throw Faults.invalidInput("ipv6_ra_mode set to '" + s.ipv6RaMode() + "' with ipv6_address_mode set to '"
                    + s.ipv6AddressMode() + "' is not valid. If both attributes are set, they must be the same value");
        }
        String mode = s.ipv6AddressMode() != null ? s.ipv6AddressMode() : s.ipv6RaMode();
        if (("slaac".equals(mode) || "dhcpv6-stateless".equals(mode)) && cidr.prefix() != 64) {
            throw Faults.invalidInput("Invalid CIDR " + cidr + " for IPv6 address mode. OpenStack uses the EUI-64 "
                    + "address format, which requires the prefix to be /64");
        }
    }

    private static String checkGateway(String text, IpAddresses.Cidr cidr) {
        IpAddresses.Ip ip = IpAddresses.parse(text);
        if (ip == null) {
            throw Faults.invalidInput("Invalid input for gateway_ip. Reason: '" + text + "' is not a valid IP address");
        }
        if (!cidr.contains(ip) || (cidr.version() == 4 && cidr.prefix() < 31
                && (ip.value().equals(cidr.network()) || ip.value().equals(cidr.last())))) {
            throw Faults.invalidInput("Gateway is not valid on subnet");
        }
        return ip.toString();
    }

    private static List<Subnet.Pool> checkPools(List<Subnet.Pool> pools, IpAddresses.Cidr cidr) {
        List<Subnet.Pool> out = new ArrayList<>();
        List<BigInteger[]> ranges = new ArrayList<>();
        for (Subnet.Pool p : pools) {
            IpAddresses.Ip a = IpAddresses.parse(p.start());
            IpAddresses.Ip b = IpAddresses.parse(p.end());
            String shown = "<" + p.start() + "-" + p.end() + ">";
            if (a == null || b == null || a.version() != b.version() || a.value().compareTo(b.value()) > 0) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "InvalidAllocationPool", "The allocation pool " + shown
                        + " is not valid.");
            }
            if (!cidr.contains(a) || !cidr.contains(b)) {
                throw Faults.of(ErrorKind.BAD_REQUEST, "OutOfBoundsAllocationPool", "The allocation pool " + shown
                        + " spans beyond the subnet cidr " + cidr + ".");
            }
            for (int i = 0; i < ranges.size(); i++) {
                BigInteger[] r = ranges.get(i);
                if (a.value().compareTo(r[1]) <= 0 && r[0].compareTo(b.value()) <= 0) {
                    throw Faults.of(ErrorKind.CONFLICT, "OverlappingAllocationPools", "Found overlapping allocation "
                            + "pools: " + shown + " <" + out.get(i).start() + "-" + out.get(i).end() + "> for subnet "
                            + "cidr " + cidr + ".");
                }
            }
            ranges.add(new BigInteger[] {a.value(), b.value()});
            out.add(new Subnet.Pool(a.toString(), b.toString()));
        }
        return out;
    }

    private static void checkGatewayOutsidePools(String gateway, List<Subnet.Pool> pools) {
        if (gateway == null) {
            return;
        }
        BigInteger g = IpAddresses.parse(gateway).value();
        for (Subnet.Pool p : pools) {
            if (g.compareTo(IpAddresses.parse(p.start()).value()) >= 0
                    && g.compareTo(IpAddresses.parse(p.end()).value()) <= 0) {
                throw Faults.of(ErrorKind.CONFLICT, "GatewayConflictWithAllocationPools", "Gateway ip " + gateway
                        + " conflicts with allocation pool " + p.start() + "-" + p.end() + ".");
            }
        }
    }

    private List<String> checkDns(List<String> dns) {
        if (dns == null) {
            return List.of();
        }
        if (dns.size() > maxDns) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "DNSNameServersExhausted", "Unable to complete operation for "
                    + "subnet. The number of DNS nameservers exceeds the limit " + maxDns + ".");
        }
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String d : dns) {
            String n = IpAddresses.normalize(d);
            if (n == null) {
                throw Faults.invalidInput("Invalid input for dns_nameservers. Reason: '" + d
                        + "' is not a valid nameserver. '" + d + "' is not a valid IP address");
            }
            if (!seen.add(n)) {
                throw Faults.invalidInput("Invalid input for dns_nameservers. Reason: Duplicate nameserver '" + d + "'");
            }
            out.add(n);
        }
        return out;
    }

    private List<Subnet.HostRoute> checkRoutes(List<Subnet.HostRoute> routes, int version) {
        if (routes == null) {
            return List.of();
        }
        if (routes.size() > maxRoutes) {
            throw Faults.of(ErrorKind.BAD_REQUEST, "HostRoutesExhausted", "Unable to complete operation for subnet. "
                    + "The number of host routes exceeds the limit " + maxRoutes + ".");
        }
        Set<Subnet.HostRoute> seen = new HashSet<>();
        List<Subnet.HostRoute> out = new ArrayList<>();
        for (Subnet.HostRoute r : routes) {
            IpAddresses.Cidr dest = r.destination() == null ? null : IpAddresses.parseCidr(r.destination(), false);
            IpAddresses.Ip hop = IpAddresses.parse(r.nexthop());
            if (dest == null || hop == null || !r.destination().contains("/")) {
                throw Faults.invalidInput("Invalid input for host_routes. Reason: Invalid data format for hostroute: '"
                        + "{'destination': '" + r.destination() + "', 'nexthop': '" + r.nexthop() + "'}'");
            }
            if (dest.version() != version || hop.version() != version) {
                throw Faults.invalidInput("Host route " + r.destination() + " via " + r.nexthop()
                        + " does not match the subnet's IP version " + version);
            }
            Subnet.HostRoute n = new Subnet.HostRoute(dest.toString(), hop.toString());
            if (!seen.add(n)) {
                throw Faults.invalidInput("Invalid input for host_routes. Reason: Duplicate hostroute '"
                        + "{'destination': '" + n.destination() + "', 'nexthop': '" + n.nexthop() + "'}'");
            }
            out.add(n);
        }
        return out;
    }

    public Optional<Subnet> find(String id) {
        return store.findSubnet(id);
    }

    public Subnet get(String id) {
        return store.findSubnet(id).orElseThrow(() -> Faults.subnetNotFound(id));
    }

    public List<Subnet> list() {
        return store.listSubnets();
    }

    public List<Subnet> ofNetwork(String networkId) {
        return store.subnetsOf(networkId);
    }

    public Subnet update(String id, SubnetSpec s, Long ifMatch) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Subnet old = get(id);
            Revisions.check(ifMatch, old.revision());
            IpAddresses.Cidr cidr = IpAddresses.parseCidr(old.cidr(), false);
            String gateway = !s.gatewayGiven() ? old.gatewayIp()
                    : s.gatewayIp() == null ? null : checkGateway(s.gatewayIp(), cidr);
            List<Subnet.Pool> pools = s.allocationPools() == null ? old.allocationPools()
                    : checkPools(s.allocationPools(), cidr);
            checkGatewayOutsidePools(gateway, pools);
            Subnet u = new Subnet(old.id(), old.networkId(), old.projectId(), s.name() == null ? old.name() : s.name(),
                    s.description() == null ? old.description() : s.description(), old.ipVersion(), old.cidr(),
                    gateway, s.enableDhcp() == null ? old.enableDhcp() : s.enableDhcp(), old.ipv6RaMode(),
                    old.ipv6AddressMode(), pools,
                    s.dnsNameservers() == null ? old.dnsNameservers() : checkDns(s.dnsNameservers()),
                    s.hostRoutes() == null ? old.hostRoutes() : checkRoutes(s.hostRoutes(), old.ipVersion()),
                    old.revision() + 1, old.createdAt(), NetworkService.now());
            if (store.updateSubnet(u, old.revision())) {
                changes.changed(u.networkId(), "subnet.update");
                return u;
            }
        }
        throw Faults.concurrentUpdate();
    }

    public void delete(String id, Long ifMatch) {
        Subnet s = get(id);
        Revisions.check(ifMatch, s.revision());
        store.deleteSubnet(id);
        changes.changed(s.networkId(), "subnet.delete");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
