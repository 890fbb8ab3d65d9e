package org.apiary.compute.store.sql;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Server;
import org.apiary.compute.store.UsageStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.statement.Query;

/** nova/db/main/api.py instance_get_active_by_window_joined over compute_instance. */
public final class SqlUsageStore implements UsageStore {
    private final Tx tx;

    public SqlUsageStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public List<Server> activeInWindow(long beginMillis, long endMillis, String projectId, Position after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM compute_instance WHERE "
                + "(terminated_at IS NULL OR terminated_at > :begin) AND launched_at < :end");
        if (projectId != null) {
            sql.append(" AND project_id = :project");
        }
        if (after != null) {
            // paginate_query's marker criteria for ascending (project_id, uuid).
            sql.append(" AND (project_id > :mp OR (project_id = :mp AND uuid > :mu))");
        }
        sql.append(" ORDER BY project_id, uuid");
        if (limit <= 0) {
            return List.of(); // a limit of 0 pages nothing, and JDBC's max rows 0 would mean "all"
        }
        return tx.read(h -> {
            Query q = h.createQuery(sql.toString()).bind("begin", beginMillis).bind("end", endMillis);
            if (projectId != null) {
                q.bind("project", projectId);
            }
            if (after != null) {
                q.bind("mp", after.projectId()).bind("mu", after.uuid());
            }
            return q.setMaxRows(limit).map((rs, ctx) -> ServerRows.row(rs).server()).list();
        });
    }

    @Override
    public Optional<Position> position(String uuid) {
        return tx.read(h -> h.createQuery("SELECT project_id, uuid FROM compute_instance WHERE uuid = :u")
                .bind("u", uuid).map((rs, ctx) -> new Position(rs.getString(1), rs.getString(2))).findFirst());
    }
}
