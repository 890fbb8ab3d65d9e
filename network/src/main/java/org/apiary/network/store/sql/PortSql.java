package org.apiary.network.store.sql;

import static org.apiary.network.store.sql.JsonText.bit;
import static org.apiary.network.store.sql.JsonText.instant;
import static org.apiary.network.store.sql.JsonText.millis;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.IpRequest;
import org.apiary.network.domain.Ipam;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.Subnet;
import org.jdbi.v3.core.Handle;

/** Port rows, their addresses and security groups, inside a caller's transaction. */
final class PortSql {
    private static final String COLUMNS = "id, network_id, project_id, name, description, mac_address, "
            + "admin_state_up, status, device_owner, device_id, host_id, vnic_type, vif_type, vif_details, "
            + "binding_profile, port_security_enabled, allowed_address_pairs, dns_name, extra_dhcp_opts, "
            + "revision_number, created_at, updated_at";

    private PortSql() {}

    static void insert(Handle h, Port p) {
        h.createUpdate("INSERT INTO network_port (" + COLUMNS + ") VALUES (:id, :net, :project, :name, :description, "
                        + ":mac, :up, :status, :owner, :device, :host, :vnic, :viftype, :vifdetails, :profile, :psec, "
                        + ":pairs, :dns, :opts, :rev, :created, :updated)")
                .bindMap(binds(p)).execute();
    }

    static int update(Handle h, Port p, long expectedRevision) {
        Map<String, Object> b = binds(p);
        b.put("expected", expectedRevision);
        return h.createUpdate("UPDATE network_port SET name = :name, description = :description, mac_address = :mac, "
                        + "admin_state_up = :up, status = :status, device_owner = :owner, device_id = :device, "
                        + "host_id = :host, vnic_type = :vnic, vif_type = :viftype, vif_details = :vifdetails, "
                        + "binding_profile = :profile, port_security_enabled = :psec, allowed_address_pairs = :pairs, "
                        + "dns_name = :dns, extra_dhcp_opts = :opts, revision_number = :rev, updated_at = :updated "
                        + "WHERE id = :id AND revision_number = :expected")
                .bindMap(b).execute();
    }

    private static Map<String, Object> binds(Port p) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", p.id());
        b.put("net", p.networkId());
        b.put("project", p.projectId());
        b.put("name", p.name());
        b.put("description", p.description());
        b.put("mac", p.macAddress());
        b.put("up", bit(p.adminStateUp()));
        b.put("status", p.status());
        b.put("owner", p.deviceOwner());
        b.put("device", p.deviceId());
        b.put("host", p.hostId());
        b.put("vnic", p.vnicType());
        b.put("viftype", p.vifType());
        b.put("vifdetails", JsonText.write(p.vifDetails()));
        b.put("profile", JsonText.write(p.profile()));
        b.put("psec", bit(p.portSecurityEnabled()));
        b.put("pairs", JsonText.write(p.allowedAddressPairs()));
        b.put("dns", p.dnsName());
        b.put("opts", JsonText.write(p.extraDhcpOpts()));
        b.put("rev", p.revision());
        b.put("created", millis(p.createdAt()));
        b.put("updated", millis(p.updatedAt()));
        return b;
    }

    /** Ports matching a WHERE clause (or all), complete with addresses and security groups. */
    static List<Port> select(Handle h, String where, Map<String, Object> binds) {
        List<Port> rows = h.createQuery("SELECT " + COLUMNS + " FROM network_port" + where + " ORDER BY created_at, id")
                .bindMap(binds).map((rs, ctx) -> row(rs)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<Port.FixedIp>> ips = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        boolean one = rows.size() == 1;
        String ipSql = "SELECT port_id, subnet_id, ip_address FROM network_ip_allocation"
                + (one ? " WHERE port_id = :id" : "") + " ORDER BY position, ip_address";
        var q = h.createQuery(ipSql);
        if (one) {
            q.bind("id", rows.get(0).id());
        }
        q.map((rs, ctx) -> {
            ips.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Port.FixedIp(rs.getString(2), rs.getString(3)));
            return null;
        }).list();
        var g = h.createQuery("SELECT port_id, security_group_id FROM network_port_security_group"
                + (one ? " WHERE port_id = :id" : "") + " ORDER BY security_group_id");
        if (one) {
            g.bind("id", rows.get(0).id());
        }
        g.map((rs, ctx) -> {
            groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            return null;
        }).list();
        List<Port> out = new ArrayList<>(rows.size());
        for (Port p : rows) {
            out.add(complete(p, ips.getOrDefault(p.id(), List.of()), groups.getOrDefault(p.id(), List.of())));
        }
        return out;
    }

    private static Port complete(Port p, List<Port.FixedIp> ips, List<String> groups) {
        return new Port(p.id(), p.networkId(), p.projectId(), p.name(), p.description(), p.macAddress(),
                p.adminStateUp(), p.status(), p.deviceOwner(), p.deviceId(), p.hostId(), p.vnicType(), p.vifType(),
                p.vifDetails(), p.profile(), p.portSecurityEnabled(), p.allowedAddressPairs(), p.dnsName(),
                p.extraDhcpOpts(), ips, groups, p.revision(), p.createdAt(), p.updatedAt());
    }

    private static Port row(ResultSet rs) throws SQLException {
        return new Port(rs.getString("id"), rs.getString("network_id"), rs.getString("project_id"),
                rs.getString("name"), rs.getString("description"), rs.getString("mac_address"),
                rs.getInt("admin_state_up") != 0, rs.getString("status"), rs.getString("device_owner"),
                rs.getString("device_id"), rs.getString("host_id"), rs.getString("vnic_type"),
                rs.getString("vif_type"), JsonText.read(rs.getString("vif_details"), new TypeReference<>() {}),
                JsonText.read(rs.getString("binding_profile"), new TypeReference<>() {}),
                rs.getInt("port_security_enabled") != 0,
                JsonText.read(rs.getString("allowed_address_pairs"), new TypeReference<List<Port.AddressPair>>() {}),
                rs.getString("dns_name"),
                JsonText.read(rs.getString("extra_dhcp_opts"), new TypeReference<List<Port.DhcpOption>>() {}),
                List.of(), List.of(), rs.getLong("revision_number"), instant(rs.getLong("created_at")),
                instant(rs.getLong("updated_at")));
    }

    static void setGroups(Handle h, String portId, List<String> groups) {
        h.createUpdate("DELETE FROM network_port_security_group WHERE port_id = :id").bind("id", portId).execute();
        for (String g : new java.util.LinkedHashSet<>(groups)) {
            h.createUpdate("INSERT INTO network_port_security_group (port_id, security_group_id) VALUES (:p, :g)")
                    .bind("p", portId).bind("g", g).execute();
        }
    }

    static void deleteRows(Handle h, String portId) {
        h.createUpdate("DELETE FROM network_ip_allocation WHERE port_id = :id").bind("id", portId).execute();
        h.createUpdate("DELETE FROM network_port_security_group WHERE port_id = :id").bind("id", portId).execute();
        h.createUpdate("DELETE FROM network_tag WHERE resource_id = :id").bind("id", portId).execute();
        h.createUpdate("DELETE FROM network_port WHERE id = :id").bind("id", portId).execute();
    }

    /**
     * Allocates one address for a port. An exact address already held is 409 IpAddressInUse; an
     * address this method chose that a concurrent writer took first makes the transaction retry.
     */
    static Port.FixedIp allocate(Handle h, String networkId, String portId, IpRequest request, int position) {
        if (request instanceof IpRequest.Exact exact) {
            Tx.insertOrFail(() -> insertAddress(h, exact.subnet().id(), exact.ipAddress(), portId, networkId, position),
                    () -> Faults.ipInUse(networkId, exact.ipAddress()));
            return new Port.FixedIp(exact.subnet().id(), exact.ipAddress());
        }
        for (Subnet subnet : ((IpRequest.AnyOf) request).subnets()) {
            Set<String> used = new HashSet<>(h.createQuery("SELECT ip_address FROM network_ip_allocation "
                    + "WHERE subnet_id = :s").bind("s", subnet.id()).mapTo(String.class).list());
            String ip = Ipam.pick(subnet, used);
            if (ip == null) {
                continue;
            }
            Tx.insertOrRetry(() -> insertAddress(h, subnet.id(), ip, portId, networkId, position), ip);
            return new Port.FixedIp(subnet.id(), ip);
        }
        throw Faults.ipGenerationFailure(networkId);
    }

    private static void insertAddress(Handle h, String subnetId, String ip, String portId, String networkId, int pos) {
        h.createUpdate("INSERT INTO network_ip_allocation (subnet_id, ip_address, port_id, network_id, position) "
                        + "VALUES (:s, :ip, :p, :n, :pos)")
                .bind("s", subnetId).bind("ip", ip).bind("p", portId).bind("n", networkId).bind("pos", pos).execute();
    }

    static int maxPosition(Handle h, String portId) {
        Integer max = h.createQuery("SELECT MAX(position) FROM network_ip_allocation WHERE port_id = :p")
                .bind("p", portId).mapTo(Integer.class).one();
        return max == null ? -1 : max;
    }
}
