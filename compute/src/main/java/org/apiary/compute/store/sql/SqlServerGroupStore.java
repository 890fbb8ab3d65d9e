package org.apiary.compute.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.ServerGroup;
import org.apiary.compute.store.ServerGroupStore;
import org.apiary.store.Database;

public final class SqlServerGroupStore implements ServerGroupStore {
    private final Tx tx;

    public SqlServerGroupStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Optional<ServerGroup> create(String uuid, String projectId, String userId, String name, String policy,
                                        Integer maxServerPerHost, long now, int maxCount) {
        return tx.write(h -> {
            int count = h.createQuery("SELECT COUNT(*) FROM compute_server_group WHERE project_id = :p")
                    .bind("p", projectId).mapTo(Integer.class).one();
            if (maxCount >= 0 && count + 1 > maxCount) {
                return Optional.empty();
            }
            long id = Tx.nextId(h, "server_group");
            h.createUpdate("INSERT INTO compute_server_group (id, uuid, project_id, user_id, name, policy, "
                    + "max_server_per_host, created_at) VALUES (:id, :uuid, :p, :u, :n, :pol, :max, :c)")
                    .bind("id", id).bind("uuid", uuid).bind("p", projectId).bind("u", userId).bind("n", name)
                    .bind("pol", policy).bind("max", maxServerPerHost).bind("c", now).execute();
            return Optional.of(new ServerGroup(id, uuid, projectId, userId, name, policy, maxServerPerHost, List.of(),
                    now));
        });
    }

    @Override
    public Optional<ServerGroup> find(String uuid) {
        return tx.read(h -> h.createQuery("SELECT * FROM compute_server_group WHERE uuid = :u").bind("u", uuid)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<ServerGroup> list(String projectId) {
        return tx.read(h -> {
            var q = h.createQuery("SELECT * FROM compute_server_group"
                    + (projectId != null ? " WHERE project_id = :p" : "") + " ORDER BY id");
            if (projectId != null) {
                q.bind("p", projectId);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public int count(String projectId) {
        return tx.read(h -> h.createQuery("SELECT COUNT(*) FROM compute_server_group WHERE project_id = :p")
                .bind("p", projectId).mapTo(Integer.class).one());
    }

    @Override
    public boolean delete(String uuid) {
        return tx.write(h -> h.createUpdate("DELETE FROM compute_server_group WHERE uuid = :u").bind("u", uuid)
                .execute() > 0);
    }

    private static ServerGroup row(ResultSet rs) throws SQLException {
        int max = rs.getInt("max_server_per_host");
        Integer maxOrNull = rs.wasNull() ? null : max;
        return new ServerGroup(rs.getLong("id"), rs.getString("uuid"), rs.getString("project_id"),
                rs.getString("user_id"), rs.getString("name"), rs.getString("policy"), maxOrNull, List.of(),
                rs.getLong("created_at"));
    }
}
