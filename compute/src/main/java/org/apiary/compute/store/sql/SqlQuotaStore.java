package org.apiary.compute.store.sql;

import java.util.Map;
import java.util.TreeMap;
import org.apiary.compute.store.QuotaStore;
import org.apiary.store.Database;

public final class SqlQuotaStore implements QuotaStore {
    private final Tx tx;

    public SqlQuotaStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Map<String, Integer> limits(String projectId, String userId) {
        return tx.read(h -> {
            Map<String, Integer> m = new TreeMap<>();
            h.createQuery("SELECT resource, hard_limit FROM compute_quota WHERE project_id = :p AND user_id = :u")
                    .bind("p", projectId).bind("u", userId).map((rs, ctx) -> m.put(rs.getString(1), rs.getInt(2)))
                    .list();
            return m;
        });
    }

    @Override
    public void setLimit(String projectId, String userId, String resource, int limit) {
        tx.write(h -> {
            int n = h.createUpdate("UPDATE compute_quota SET hard_limit = :l WHERE project_id = :p AND user_id = :u "
                    + "AND resource = :r").bind("l", limit).bind("p", projectId).bind("u", userId).bind("r", resource)
                    .execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO compute_quota (project_id, user_id, resource, hard_limit) "
                        + "VALUES (:p, :u, :r, :l)").bind("p", projectId).bind("u", userId).bind("r", resource)
                        .bind("l", limit).execute();
            }
            return null;
        });
    }

    @Override
    public Map<String, Integer> classLimits(String className) {
        return tx.read(h -> {
            Map<String, Integer> m = new TreeMap<>();
            h.createQuery("SELECT resource, hard_limit FROM compute_quota_class WHERE class_name = :c")
                    .bind("c", className).map((rs, ctx) -> m.put(rs.getString(1), rs.getInt(2))).list();
            return m;
        });
    }

    @Override
    public void setClassLimit(String className, String resource, int limit) {
        tx.write(h -> {
            int n = h.createUpdate("UPDATE compute_quota_class SET hard_limit = :l WHERE class_name = :c "
                    + "AND resource = :r").bind("l", limit).bind("c", className).bind("r", resource).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO compute_quota_class (class_name, resource, hard_limit) VALUES (:c, :r, :l)")
                        .bind("c", className).bind("r", resource).bind("l", limit).execute();
            }
            return null;
        });
    }

    @Override
    public void delete(String projectId, String userId) {
        tx.write(h -> h.createUpdate("DELETE FROM compute_quota WHERE project_id = :p"
                + (userId.isEmpty() ? "" : " AND user_id = :u")).bind("p", projectId).bind("u", userId).execute());
    }
}
