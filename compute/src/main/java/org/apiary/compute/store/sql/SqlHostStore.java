package org.apiary.compute.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apiary.compute.domain.ComputeNode;
import org.apiary.compute.domain.ComputeService;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.store.HostStore;
import org.apiary.store.Database;
import org.apiary.store.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * compute_service and compute_node. A heartbeat is one write transaction: find the rows by their
 * natural keys (host + binary, host + hypervisor hostname) and update them, or insert them. Two
 * agents racing to insert the same host both pass the lookup; the unique index stops the second
 * insert, whose transaction then runs again and finds the first one's rows.
 */
public final class SqlHostStore implements HostStore {
    static final String COMPUTE_BINARY = "nova-compute";

    private final Tx tx;

    public SqlHostStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public ComputeNode report(HostReport report, String newNodeUuid, long now) {
        String json = JsonColumns.write(report);
        return tx.write(h -> {
            upsertService(h, report.host(), now);
            Optional<ComputeNode> existing = h.createQuery("SELECT * FROM compute_node WHERE host = :h "
                            + "AND hypervisor_hostname = :n").bind("h", report.host())
                    .bind("n", report.hypervisorHostname()).map((rs, ctx) -> node(rs)).findOne();
            if (existing.isPresent()) {
                ComputeNode n = existing.get();
                h.createUpdate("UPDATE compute_node SET hypervisor_type = :t, hypervisor_version = :v, host_ip = :ip, "
                                + "report = :r, updated_at = :now WHERE id = :id")
                        .bind("t", report.hypervisorType()).bind("v", report.hypervisorVersion())
                        .bind("ip", report.hostIp()).bind("r", json).bind("now", now).bind("id", n.id()).execute();
                return new ComputeNode(n.id(), n.uuid(), n.host(), n.hypervisorHostname(), report.hypervisorType(),
                        report.hypervisorVersion(), report.hostIp(), report, n.createdAt(), now);
            }
            long id = Tx.nextId(h, "compute_node");
            Transactions.insertOrRetry(() -> h.createUpdate("INSERT INTO compute_node (id, uuid, host, "
                            + "hypervisor_hostname, hypervisor_type, hypervisor_version, host_ip, report, created_at) "
                            + "VALUES (:id, :u, :h, :n, :t, :v, :ip, :r, :now)")
                    .bind("id", id).bind("u", newNodeUuid).bind("h", report.host())
                    .bind("n", report.hypervisorHostname()).bind("t", report.hypervisorType())
                    .bind("v", report.hypervisorVersion()).bind("ip", report.hostIp()).bind("r", json)
                    .bind("now", now).execute(), "compute node " + report.host());
            return new ComputeNode(id, newNodeUuid, report.host(), report.hypervisorHostname(),
                    report.hypervisorType(), report.hypervisorVersion(), report.hostIp(), report, now, null);
        });
    }

    /** The service row of the heartbeat: created enabled, or its last_seen_up moved on. */
    private static void upsertService(Handle h, String host, long now) {
        int updated = h.createUpdate("UPDATE compute_service SET last_seen_up = :now, updated_at = :now, "
                        + "report_count = report_count + 1 WHERE host = :h AND binary_name = :b")
                .bind("now", now).bind("h", host).bind("b", COMPUTE_BINARY).execute();
        if (updated > 0) {
            return;
        }
        long id = Tx.nextId(h, "service");
        String uuid = UUID.randomUUID().toString();
        Transactions.insertOrRetry(() -> h.createUpdate("INSERT INTO compute_service (id, uuid, host, binary_name, "
                        + "disabled, forced_down, last_seen_up, report_count, created_at, updated_at) "
                        + "VALUES (:id, :u, :h, :b, 0, 0, :now, 1, :now, :now)")
                .bind("id", id).bind("u", uuid).bind("h", host).bind("b", COMPUTE_BINARY).bind("now", now)
                .execute(), "compute service " + host);
    }

    @Override
    public List<ComputeService> services() {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_service ORDER BY id").map((rs, ctx) -> service(rs))
                .list());
    }

    @Override
    public Optional<ComputeService> service(String uuid) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_service WHERE uuid = :u").bind("u", uuid)
                .map((rs, ctx) -> service(rs)).findOne());
    }

    @Override
    public Optional<ComputeService> serviceByHost(String host) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_service WHERE host = :h AND binary_name = :b")
                .bind("h", host).bind("b", COMPUTE_BINARY).map((rs, ctx) -> service(rs)).findOne());
    }

    @Override
    public boolean updateService(String uuid, Boolean disabled, String disabledReason, Boolean forcedDown, long now) {
        return tx.write(h -> {
            StringBuilder set = new StringBuilder("updated_at = :now");
            if (disabled != null) {
                set.append(", disabled = :d, disabled_reason = :r");
            }
            if (forcedDown != null) {
                set.append(", forced_down = :f");
            }
            var u = h.createUpdate("UPDATE compute_service SET " + set + " WHERE uuid = :u").bind("now", now)
                    .bind("u", uuid);
            if (disabled != null) {
                u.bind("d", disabled ? 1 : 0).bind("r", disabledReason);
            }
            if (forcedDown != null) {
                u.bind("f", forcedDown ? 1 : 0);
            }
            return u.execute() > 0;
        });
    }

    @Override
    public boolean deleteService(String uuid) {
        return tx.write(h -> {
            Optional<String> host = h.createQuery("SELECT host FROM compute_service WHERE uuid = :u").bind("u", uuid)
                    .mapTo(String.class).findOne();
            if (host.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM compute_node WHERE host = :h").bind("h", host.get()).execute();
            return h.createUpdate("DELETE FROM compute_service WHERE uuid = :u").bind("u", uuid).execute() > 0;
        });
    }

    @Override
    public List<ComputeNode> nodes() {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_node ORDER BY id").map((rs, ctx) -> node(rs)).list());
    }

    @Override
    public Optional<ComputeNode> node(String uuid) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_node WHERE uuid = :u").bind("u", uuid)
                .map((rs, ctx) -> node(rs)).findOne());
    }

    @Override
    public Optional<ComputeNode> nodeByHost(String host) {
        // One node per host with the agents we have; should a host rename its node, the newest wins.
        return tx.read(h -> h.createQuery("SELECT * FROM compute_node WHERE host = :h ORDER BY id DESC")
                .bind("h", host).map((rs, ctx) -> node(rs)).findFirst());
    }

    private static ComputeService service(ResultSet rs) throws SQLException {
        long seen = rs.getLong("last_seen_up");
        Long lastSeenUp = rs.wasNull() ? null : seen;
        long upd = rs.getLong("updated_at");
        Long updatedAt = rs.wasNull() ? null : upd;
        return new ComputeService(rs.getLong("id"), rs.getString("uuid"), rs.getString("host"),
                rs.getString("binary_name"), rs.getInt("disabled") != 0, rs.getString("disabled_reason"),
                rs.getInt("forced_down") != 0, lastSeenUp, rs.getLong("created_at"), updatedAt);
    }

    private static ComputeNode node(ResultSet rs) throws SQLException {
        long upd = rs.getLong("updated_at");
        Long updatedAt = rs.wasNull() ? null : upd;
        return new ComputeNode(rs.getLong("id"), rs.getString("uuid"), rs.getString("host"),
                rs.getString("hypervisor_hostname"), rs.getString("hypervisor_type"), rs.getLong("hypervisor_version"),
                rs.getString("host_ip"), JsonColumns.read(rs.getString("report"), HostReport.class),
                rs.getLong("created_at"), updatedAt);
    }
}
