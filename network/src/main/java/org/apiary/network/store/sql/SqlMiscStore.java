package org.apiary.network.store.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiary.network.store.MiscStore;
import org.apiary.store.Database;

public final class SqlMiscStore implements MiscStore {
    private final Tx tx;

    public SqlMiscStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public List<String> tags(String resourceId) {
        return tx.read(h -> h.createQuery("SELECT tag FROM network_tag WHERE resource_id = :r ORDER BY tag")
                .bind("r", resourceId).mapTo(String.class).list());
    }

    @Override
    public Map<String, List<String>> allTags() {
        return tx.read(h -> {
            Map<String, List<String>> m = new LinkedHashMap<>();
            h.createQuery("SELECT resource_id, tag FROM network_tag ORDER BY tag").map((rs, ctx) ->
                    m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2))).list();
            return m;
        });
    }

    @Override
    public void replaceTags(String resourceId, List<String> tags) {
        tx.run(h -> {
            h.createUpdate("DELETE FROM network_tag WHERE resource_id = :r").bind("r", resourceId).execute();
            for (String t : new java.util.LinkedHashSet<>(tags)) {
                h.createUpdate("INSERT INTO network_tag (resource_id, tag) VALUES (:r, :t)").bind("r", resourceId)
                        .bind("t", t).execute();
            }
        });
    }

    @Override
    public boolean addTag(String resourceId, String tag) {
        return tx.write(h -> {
            int n = h.createQuery("SELECT COUNT(*) FROM network_tag WHERE resource_id = :r AND tag = :t")
                    .bind("r", resourceId).bind("t", tag).mapTo(Integer.class).one();
            if (n > 0) {
                return false;
            }
            Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO network_tag (resource_id, tag) VALUES (:r, :t)")
                    .bind("r", resourceId).bind("t", tag).execute(), "tag");
            return true;
        });
    }

    @Override
    public boolean removeTag(String resourceId, String tag) {
        return tx.write(h -> h.createUpdate("DELETE FROM network_tag WHERE resource_id = :r AND tag = :t")
                .bind("r", resourceId).bind("t", tag).execute() > 0);
    }

    @Override
    public Map<String, Integer> quotas(String projectId) {
        return tx.read(h -> {
            Map<String, Integer> m = new TreeMap<>();
            h.createQuery("SELECT resource, hard_limit FROM network_quota WHERE project_id = :p").bind("p", projectId)
                    .map((rs, ctx) -> m.put(rs.getString(1), rs.getInt(2))).list();
            return m;
        });
    }

    @Override
    public Map<String, Map<String, Integer>> allQuotas() {
        return tx.read(h -> {
            Map<String, Map<String, Integer>> m = new TreeMap<>();
            h.createQuery("SELECT project_id, resource, hard_limit FROM network_quota").map((rs, ctx) ->
                    m.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3))).list();
            return m;
        });
    }

    @Override
    public void setQuota(String projectId, String resource, int limit) {
        tx.run(h -> {
            int n = h.createUpdate("UPDATE network_quota SET hard_limit = :l WHERE project_id = :p AND resource = :r")
                    .bind("l", limit).bind("p", projectId).bind("r", resource).execute();
            if (n == 0) {
                Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO network_quota (project_id, resource, hard_limit) "
                        + "VALUES (:p, :r, :l)").bind("p", projectId).bind("r", resource).bind("l", limit).execute(),
                        "quota");
            }
        });
    }

    @Override
    public void deleteQuotas(String projectId) {
        tx.run(h -> h.createUpdate("DELETE FROM network_quota WHERE project_id = :p").bind("p", projectId).execute());
    }
}
