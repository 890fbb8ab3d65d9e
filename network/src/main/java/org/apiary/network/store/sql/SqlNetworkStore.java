package org.apiary.network.store.sql;

import static org.apiary.network.store.sql.JsonText.bit;
import static org.apiary.network.store.sql.JsonText.instant;
import static org.apiary.network.store.sql.JsonText.millis;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.IpAddresses;
import org.apiary.network.domain.IpRequest;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.Segment;
import org.apiary.network.domain.SegmentClaim;
import org.apiary.network.domain.Subnet;
import org.apiary.network.store.NetworkStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

public final class SqlNetworkStore implements NetworkStore {
    private static final String NET_COLUMNS = "id, project_id, name, description, admin_state_up, shared, "
            + "router_external, is_default, mtu, port_security_enabled, status, az_hints, dns_domain, network_type, "
            + "physical_network, segmentation_id, revision_number, created_at, updated_at";
    private static final String SUBNET_COLUMNS = "id, network_id, project_id, name, description, ip_version, cidr, "
            + "gateway_ip, enable_dhcp, ipv6_ra_mode, ipv6_address_mode, allocation_pools, dns_nameservers, "
            + "host_routes, revision_number, created_at, updated_at";
    private static final Map<String, String> TABLES = Map.of("network", "network_network", "subnet", "network_subnet",
            "port", "network_port", "security_group", "network_security_group",
            "security_group_rule", "network_security_group_rule");

    private final Tx tx;

    public SqlNetworkStore(Database db) {
        this.tx = new Tx(db);
    }

    // ---- networks ---------------------------------------------------------------------------

    @Override
    public Network createNetwork(Network draft, SegmentClaim claim, int quota) {
        return tx.write(h -> {
            checkQuota(h, "network", draft.projectId(), quota);
            Segment segment = claim(h, draft.id(), claim);
            Network n = new Network(draft.id(), draft.projectId(), draft.name(), draft.description(),
                    draft.adminStateUp(), draft.shared(), draft.external(), draft.isDefault(), draft.mtu(),
                    draft.portSecurityEnabled(), draft.status(), draft.availabilityZoneHints(), draft.dnsDomain(),
                    segment, draft.revision(), draft.createdAt(), draft.updatedAt());
            h.createUpdate("INSERT INTO network_network (" + NET_COLUMNS + ") VALUES (:id, :project, :name, "
                    + ":description, :up, :shared, :external, :isDefault, :mtu, :psec, :status, :az, :dns, :type, "
                    + ":physnet, :segid, :rev, :created, :updated)").bindMap(netBinds(n)).execute();
            return n;
        });
    }

    private static Segment claim(Handle h, String networkId, SegmentClaim c) {
        String physnet = c.physicalNetwork() == null ? "" : c.physicalNetwork();
        if (!c.needsRow()) {
            return new Segment(c.networkType(), null, null);
        }
        if (c.ranges() == null) {
            Segment s = new Segment(c.networkType(), c.physicalNetwork(), c.segmentationId());
            int id = c.segmentationId() == null ? 0 : c.segmentationId();
            Tx.insertOrFail(() -> insertSegment(h, c.networkType(), physnet, id, networkId), () -> Faults.segmentInUse(s));
            return s;
        }
        Set<Integer> taken = new HashSet<>(h.createQuery("SELECT segmentation_id FROM network_segment_allocation "
                        + "WHERE network_type = :t AND physical_network = :p")
                .bind("t", c.networkType()).bind("p", physnet).mapTo(Integer.class).list());
        for (SegmentClaim.Range r : c.ranges()) {
            for (int id = r.min(); id <= r.max(); id++) {
                if (!taken.contains(id)) {
                    int chosen = id;
                    Tx.insertOrRetry(() -> insertSegment(h, c.networkType(), physnet, chosen, networkId),
                            c.networkType() + " " + chosen);
                    return new Segment(c.networkType(), c.physicalNetwork(), chosen);
                }
            }
        }
        throw Faults.noNetworkAvailable();
    }

    private static void insertSegment(Handle h, String type, String physnet, int id, String networkId) {
        h.createUpdate("INSERT INTO network_segment_allocation (network_type, physical_network, segmentation_id, "
                        + "network_id) VALUES (:t, :p, :i, :n)")
                .bind("t", type).bind("p", physnet).bind("i", id).bind("n", networkId).execute();
    }

    private static Map<String, Object> netBinds(Network n) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", n.id());
        b.put("project", n.projectId());
        b.put("name", n.name());
        b.put("description", n.description());
        b.put("up", bit(n.adminStateUp()));
        b.put("shared", bit(n.shared()));
        b.put("external", bit(n.external()));
        b.put("isDefault", bit(n.isDefault()));
        b.put("mtu", n.mtu());
        b.put("psec", bit(n.portSecurityEnabled()));
        b.put("status", n.status());
        b.put("az", JsonText.write(n.availabilityZoneHints()));
        b.put("dns", n.dnsDomain());
        b.put("type", n.segment().networkType());
        b.put("physnet", n.segment().physicalNetwork());
        b.put("segid", n.segment().segmentationId());
        b.put("rev", n.revision());
        b.put("created", millis(n.createdAt()));
        b.put("updated", millis(n.updatedAt()));
        return b;
    }

    private static Network netRow(ResultSet rs) throws SQLException {
        int seg = rs.getInt("segmentation_id");
        Integer segId = rs.wasNull() ? null : seg;
        return new Network(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getString("description"), rs.getInt("admin_state_up") != 0, rs.getInt("shared") != 0,
                rs.getInt("router_external") != 0, rs.getInt("is_default") != 0, rs.getInt("mtu"),
                rs.getInt("port_security_enabled") != 0, rs.getString("status"),
                JsonText.read(rs.getString("az_hints"), new TypeReference<List<String>>() {}),
                rs.getString("dns_domain"), new Segment(rs.getString("network_type"),
                rs.getString("physical_network"), segId), rs.getLong("revision_number"),
                instant(rs.getLong("created_at")), instant(rs.getLong("updated_at")));
    }

    @Override
    public Optional<Network> findNetwork(String id) {
        return tx.read(h -> h.createQuery("SELECT " + NET_COLUMNS + " FROM network_network WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> netRow(rs)).findOne());
    }

    @Override
    public List<Network> listNetworks() {
        return tx.read(h -> h.createQuery("SELECT " + NET_COLUMNS + " FROM network_network ORDER BY created_at, id")
                .map((rs, ctx) -> netRow(rs)).list());
    }

    @Override
    public boolean updateNetwork(Network n, long expectedRevision) {
        Map<String, Object> b = netBinds(n);
        b.put("expected", expectedRevision);
        return tx.write(h -> h.createUpdate("UPDATE network_network SET name = :name, description = :description, "
                + "admin_state_up = :up, shared = :shared, router_external = :external, is_default = :isDefault, "
                + "mtu = :mtu, port_security_enabled = :psec, az_hints = :az, dns_domain = :dns, "
                + "revision_number = :rev, updated_at = :updated WHERE id = :id AND revision_number = :expected")
                .bindMap(b).execute() == 1);
    }

    @Override
    public void deleteNetwork(String id) {
        tx.run(h -> {
            int others = h.createQuery("SELECT COUNT(*) FROM network_port WHERE network_id = :n AND device_owner <> :d")
                    .bind("n", id).bind("d", Port.DHCP_OWNER).mapTo(Integer.class).one();
            if (others > 0) {
                throw Faults.networkInUse(id, "There are one or more ports still in use on the network");
            }
            for (String port : h.createQuery("SELECT id FROM network_port WHERE network_id = :n").bind("n", id)
                    .mapTo(String.class).list()) {
                PortSql.deleteRows(h, port);
            }
            for (String subnet : h.createQuery("SELECT id FROM network_subnet WHERE network_id = :n").bind("n", id)
                    .mapTo(String.class).list()) {
                h.createUpdate("DELETE FROM network_tag WHERE resource_id = :id").bind("id", subnet).execute();
            }
            h.createUpdate("DELETE FROM network_subnet WHERE network_id = :n").bind("n", id).execute();
            h.createUpdate("DELETE FROM network_segment_allocation WHERE network_id = :n").bind("n", id).execute();
            h.createUpdate("DELETE FROM network_dhcp_binding WHERE network_id = :n").bind("n", id).execute();
            h.createUpdate("DELETE FROM network_tag WHERE resource_id = :n").bind("n", id).execute();
            h.createUpdate("DELETE FROM network_network WHERE id = :n").bind("n", id).execute();
        });
    }

    // ---- subnets ----------------------------------------------------------------------------

    @Override
    public Subnet createSubnet(Subnet s, Consumer<List<Subnet>> checkSiblings, int quota) {
        return tx.write(h -> {
            checkSiblings.accept(subnets(h, " WHERE network_id = :n", Map.of("n", s.networkId())));
            checkQuota(h, "subnet", s.projectId(), quota);
            h.createUpdate("INSERT INTO network_subnet (" + SUBNET_COLUMNS + ") VALUES (:id, :net, :project, :name, "
                    + ":description, :version, :cidr, :gateway, :dhcp, :ra, :mode, :pools, :dns, :routes, :rev, "
                    + ":created, :updated)").bindMap(subnetBinds(s)).execute();
            List<Port> ports = PortSql.select(h, " WHERE network_id = :n", Map.of("n", s.networkId()));
            for (Port p : ports) {
                if (s.autoAddress()) {
                    String ip = IpAddresses.eui64(IpAddresses.parseCidr(s.cidr(), false), p.macAddress());
                    PortSql.allocate(h, s.networkId(), p.id(), new IpRequest.Exact(s, ip), PortSql.maxPosition(h, p.id()) + 1);
                } else if (s.enableDhcp() && p.isDhcp()) {
                    PortSql.allocate(h, s.networkId(), p.id(), new IpRequest.AnyOf(List.of(s)),
                            PortSql.maxPosition(h, p.id()) + 1);
                }
            }
            return s;
        });
    }

    private static Map<String, Object> subnetBinds(Subnet s) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", s.id());
        b.put("net", s.networkId());
        b.put("project", s.projectId());
        b.put("name", s.name());
        b.put("description", s.description());
        b.put("version", s.ipVersion());
        b.put("cidr", s.cidr());
        b.put("gateway", s.gatewayIp());
        b.put("dhcp", bit(s.enableDhcp()));
        b.put("ra", s.ipv6RaMode());
        b.put("mode", s.ipv6AddressMode());
        b.put("pools", JsonText.write(s.allocationPools()));
        b.put("dns", JsonText.write(s.dnsNameservers()));
        b.put("routes", JsonText.write(s.hostRoutes()));
        b.put("rev", s.revision());
        b.put("created", millis(s.createdAt()));
        b.put("updated", millis(s.updatedAt()));
        return b;
    }

    private static List<Subnet> subnets(Handle h, String where, Map<String, Object> binds) {
        return h.createQuery("SELECT " + SUBNET_COLUMNS + " FROM network_subnet" + where + " ORDER BY created_at, id")
                .bindMap(binds).map((rs, ctx) -> new Subnet(rs.getString("id"), rs.getString("network_id"),
                        rs.getString("project_id"), rs.getString("name"), rs.getString("description"),
                        rs.getInt("ip_version"), rs.getString("cidr"), rs.getString("gateway_ip"),
                        rs.getInt("enable_dhcp") != 0, rs.getString("ipv6_ra_mode"), rs.getString("ipv6_address_mode"),
                        JsonText.read(rs.getString("allocation_pools"), new TypeReference<List<Subnet.Pool>>() {}),
                        JsonText.read(rs.getString("dns_nameservers"), new TypeReference<List<String>>() {}),
                        JsonText.read(rs.getString("host_routes"), new TypeReference<List<Subnet.HostRoute>>() {}),
                        rs.getLong("revision_number"), instant(rs.getLong("created_at")),
                        instant(rs.getLong("updated_at")))).list();
    }

    @Override
    public Optional<Subnet> findSubnet(String id) {
        return tx.read(h -> subnets(h, " WHERE id = :id", Map.of("id", id)).stream().findFirst());
    }

    @Override
    public List<Subnet> listSubnets() {
        return tx.read(h -> subnets(h, "", Map.of()));
    }

    @Override
    public List<Subnet> subnetsOf(String networkId) {
        return tx.read(h -> subnets(h, " WHERE network_id = :n", Map.of("n", networkId)));
    }

    @Override
    public boolean updateSubnet(Subnet s, long expectedRevision) {
        return tx.write(h -> {
            Optional<Subnet> old = subnets(h, " WHERE id = :id", Map.of("id", s.id())).stream().findFirst();
            if (old.isEmpty() || old.get().revision() != expectedRevision) {
                return false;
            }
            Map<String, Object> b = subnetBinds(s);
            h.createUpdate("UPDATE network_subnet SET name = :name, description = :description, gateway_ip = :gateway, "
                    + "enable_dhcp = :dhcp, allocation_pools = :pools, dns_nameservers = :dns, host_routes = :routes, "
                    + "revision_number = :rev, updated_at = :updated WHERE id = :id").bindMap(b).execute();
            if (s.enableDhcp() && !old.get().enableDhcp()) {
                for (Port p : PortSql.select(h, " WHERE network_id = :n AND device_owner = :d",
                        Map.of("n", s.networkId(), "d", Port.DHCP_OWNER))) {
                    PortSql.allocate(h, s.networkId(), p.id(), new IpRequest.AnyOf(List.of(s)),
                            PortSql.maxPosition(h, p.id()) + 1);
                }
            } else if (!s.enableDhcp() && old.get().enableDhcp()) {
                releaseDhcpAddresses(h, s.id());
            }
            return true;
        });
    }

    private static void releaseDhcpAddresses(Handle h, String subnetId) {
        h.createUpdate("DELETE FROM network_ip_allocation WHERE subnet_id = :s AND port_id IN "
                + "(SELECT id FROM network_port WHERE device_owner = :d)")
                .bind("s", subnetId).bind("d", Port.DHCP_OWNER).execute();
    }

    @Override
    public void deleteSubnet(String id) {
        tx.run(h -> {
            Optional<Subnet> subnet = subnets(h, " WHERE id = :id", Map.of("id", id)).stream().findFirst();
            if (subnet.isEmpty()) {
                throw Faults.subnetNotFound(id);
            }
            if (subnet.get().autoAddress()) {
                // Neutron removes SLAAC addresses with their subnet instead of refusing the delete.
                h.createUpdate("DELETE FROM network_ip_allocation WHERE subnet_id = :s").bind("s", id).execute();
            }
            releaseDhcpAddresses(h, id);
            int used = h.createQuery("SELECT COUNT(*) FROM network_ip_allocation WHERE subnet_id = :s")
                    .bind("s", id).mapTo(Integer.class).one();
            if (used > 0) {
                throw Faults.subnetInUse(id);
            }
            h.createUpdate("DELETE FROM network_tag WHERE resource_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM network_subnet WHERE id = :id").bind("id", id).execute();
        });
    }

    // ---- ports ------------------------------------------------------------------------------

    @Override
    public Port createPort(Port draft, Supplier<String> newMac, List<IpRequest> ips, int quota) {
        return tx.write(h -> {
            checkQuota(h, "port", draft.projectId(), quota);
            Port p = draft;
            if (newMac != null) {
                String mac = newMac.get();
                p = new Port(p.id(), p.networkId(), p.projectId(), p.name(), p.description(), mac, p.adminStateUp(),
                        p.status(), p.deviceOwner(), p.deviceId(), p.hostId(), p.vnicType(), p.vifType(),
                        p.vifDetails(), p.profile(), p.portSecurityEnabled(), p.allowedAddressPairs(), p.dnsName(),
                        p.extraDhcpOpts(), p.fixedIps(), p.securityGroups(), p.revision(), p.createdAt(),
                        p.updatedAt());
                Port finalP = p;
                Tx.insertOrRetry(() -> PortSql.insert(h, finalP), "mac " + mac);
            } else {
                Port finalP = p;
                Tx.insertOrFail(() -> PortSql.insert(h, finalP), () -> Faults.macInUse(draft.networkId(),
                        draft.macAddress()));
            }
            List<Port.FixedIp> fixed = new java.util.ArrayList<>();
            for (int i = 0; i < ips.size(); i++) {
                fixed.add(PortSql.allocate(h, p.networkId(), p.id(), ips.get(i), i));
            }
            PortSql.setGroups(h, p.id(), p.securityGroups());
            return p.withAddresses(fixed);
        });
    }

    @Override
    public Optional<Port> findPort(String id) {
        return tx.read(h -> PortSql.select(h, " WHERE id = :id", Map.of("id", id)).stream().findFirst());
    }

    @Override
    public List<Port> listPorts() {
        return tx.read(h -> PortSql.select(h, "", Map.of()));
    }

    @Override
    public List<Port> portsOf(String networkId) {
        return tx.read(h -> PortSql.select(h, " WHERE network_id = :n", Map.of("n", networkId)));
    }

    @Override
    public List<Port> portsOnHost(String host) {
        return tx.read(h -> PortSql.select(h, " WHERE host_id = :h", Map.of("h", host)));
    }

    @Override
    public boolean updatePort(Port p, List<IpRequest> ips, long expectedRevision) {
        return tx.write(h -> {
            int n;
            try {
                n = PortSql.update(h, p, expectedRevision);
            } catch (RuntimeException e) {
                if (Database.isUniqueViolation(e)) {
                    throw Faults.macInUse(p.networkId(), p.macAddress());
                }
                throw e;
            }
            if (n != 1) {
                return false;
            }
            if (ips != null) {
                h.createUpdate("DELETE FROM network_ip_allocation WHERE port_id = :p").bind("p", p.id()).execute();
                for (int i = 0; i < ips.size(); i++) {
                    PortSql.allocate(h, p.networkId(), p.id(), ips.get(i), i);
                }
            }
            PortSql.setGroups(h, p.id(), p.securityGroups());
            return true;
        });
    }

    @Override
    public void deletePort(String id) {
        tx.run(h -> PortSql.deleteRows(h, id));
    }

    // ---- quotas -----------------------------------------------------------------------------

    @Override
    public long count(String resource, String projectId) {
        return tx.read(h -> countIn(h, resource, projectId));
    }

    private static long countIn(Handle h, String resource, String projectId) {
        String table = TABLES.get(resource);
        if (table == null) {
            return 0;
        }
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE project_id = :p").bind("p", projectId)
                .mapTo(Long.class).one();
    }

    /** Refuses the insert that would take the project over {@code limit} (< 0 is unlimited). */
    static void checkQuota(Handle h, String resource, String projectId, int limit) {
        if (limit >= 0 && countIn(h, resource, projectId) + 1 > limit) {
            throw Faults.overQuota(resource);
        }
    }
}
