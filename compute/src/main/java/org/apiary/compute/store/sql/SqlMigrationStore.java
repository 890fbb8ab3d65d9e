package org.apiary.compute.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Faults;
import org.apiary.compute.domain.Migration;
import org.apiary.compute.store.MigrationStore;
import org.apiary.store.Database;

/** compute_migration; newest first means created_at then id, descending, as Nova sorts os-migrations. */
public final class SqlMigrationStore implements MigrationStore {
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

    private final Tx tx;

    public SqlMigrationStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Migration create(Migration m) {
        return tx.write(h -> {
            long id = Tx.nextId(h, "migration");
            Tx.insertOrFail(() -> h.createUpdate("INSERT INTO compute_migration (id, uuid, instance_uuid, "
                            + "migration_type, status, source_compute, dest_compute, source_node, dest_node, "
                            + "old_flavor_id, new_flavor_id, project_id, user_id, created_at, updated_at) VALUES (:id, "
                            + ":uuid, :inst, :type, :status, :sc, :dc, :sn, :dn, :of, :nf, :p, :u, :c, :upd)")
                    .bind("id", id).bind("uuid", m.uuid()).bind("inst", m.instanceUuid())
                    .bind("type", m.migrationType()).bind("status", m.status()).bind("sc", m.sourceCompute())
                    .bind("dc", m.destCompute()).bind("sn", m.sourceNode()).bind("dn", m.destNode())
                    .bind("of", m.oldFlavorId()).bind("nf", m.newFlavorId()).bind("p", m.projectId())
                    .bind("u", m.userId()).bind("c", m.createdAt()).bind("upd", m.updatedAt()).execute(),
                    Faults::concurrentUpdate);
            return new Migration(id, m.uuid(), m.instanceUuid(), m.migrationType(), m.status(), m.sourceCompute(),
                    m.destCompute(), m.sourceNode(), m.destNode(), m.oldFlavorId(), m.newFlavorId(), m.projectId(),
                    m.userId(), m.createdAt(), m.updatedAt());
        });
    }

    @Override
    public Optional<Migration> find(String uuid) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_migration WHERE uuid = :u").bind("u", uuid)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public Optional<Migration> latest(String instanceUuid, List<String> statuses) {
        if (statuses.isEmpty()) {
            return Optional.empty();
        }
        return tx.read(h -> h.createQuery("SELECT * FROM compute_migration WHERE instance_uuid = :i "
                        + "AND status IN (<statuses>)" + NEWEST_FIRST)
                .bind("i", instanceUuid).bindList("statuses", statuses).map((rs, ctx) -> row(rs)).findFirst());
    }

    @Override
    public boolean setStatus(String uuid, String status, long now) {
        return tx.write(h -> h.createUpdate("UPDATE compute_migration SET status = :s, updated_at = :now "
                + "WHERE uuid = :u").bind("s", status).bind("now", now).bind("u", uuid).execute() > 0);
    }

    @Override
    public boolean setDestination(String uuid, String destCompute, String destNode, long now) {
        return tx.write(h -> h.createUpdate("UPDATE compute_migration SET dest_compute = :c, dest_node = :n, "
                + "updated_at = :now WHERE uuid = :u").bind("c", destCompute).bind("n", destNode).bind("now", now)
                .bind("u", uuid).execute() > 0);
    }

    @Override
    public List<Migration> list(String instanceUuid) {
        return tx.read(h -> {
            var q = h.createQuery("SELECT * FROM compute_migration"
                    + (instanceUuid != null ? " WHERE instance_uuid = :i" : "") + NEWEST_FIRST);
            if (instanceUuid != null) {
                q.bind("i", instanceUuid);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    private static Migration row(ResultSet rs) throws SQLException {
        long upd = rs.getLong("updated_at");
        Long updatedAt = rs.wasNull() ? null : upd;
        return new Migration(rs.getLong("id"), rs.getString("uuid"), rs.getString("instance_uuid"),
                rs.getString("migration_type"), rs.getString("status"), rs.getString("source_compute"),
                rs.getString("dest_compute"), rs.getString("source_node"), rs.getString("dest_node"),
                rs.getString("old_flavor_id"), rs.getString("new_flavor_id"), rs.getString("project_id"),
                rs.getString("user_id"), rs.getLong("created_at"), updatedAt);
    }
}
