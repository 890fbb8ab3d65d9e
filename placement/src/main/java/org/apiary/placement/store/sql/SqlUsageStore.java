package org.apiary.placement.store.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.placement.domain.TypedUsage;
import org.apiary.placement.store.UsageStore;
import org.apiary.store.Database;

public final class SqlUsageStore implements UsageStore {
    private static final String BY_PROJECT = " FROM placement_allocations a "
            + "JOIN placement_consumers con ON con.id = a.consumer_id "
            + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
            + "JOIN placement_projects pr ON pr.id = con.project_id "
            + "JOIN placement_users u ON u.id = con.user_id "
            + "LEFT JOIN placement_consumer_types ct ON ct.id = con.consumer_type_id "
            + "WHERE pr.external_id = :project";
    private final Tx tx;

    public SqlUsageStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Map<String, Long> providerUsages(String providerUuid) {
        return tx.read(h -> {
            Refs.ProviderRow p = Refs.requireProvider(h, providerUuid);
            Map<String, Long> out = new LinkedHashMap<>();
            h.createQuery("SELECT c.name, COALESCE((SELECT SUM(a.used) FROM placement_allocations a "
                            + "WHERE a.provider_id = i.provider_id AND a.resource_class_id = i.resource_class_id), 0) "
                            + "FROM placement_inventories i JOIN placement_resource_classes c ON c.id = i.resource_class_id "
                            + "WHERE i.provider_id = :p ORDER BY c.id")
                    .bind("p", p.id()).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    @Override
    public Map<String, Long> totals(String projectId, String userId) {
        return tx.read(h -> {
            Map<String, Long> out = new LinkedHashMap<>();
            var q = h.createQuery("SELECT c.name, SUM(a.used)" + BY_PROJECT
                    + (userId != null ? " AND u.external_id = :user" : "") + " GROUP BY c.name ORDER BY c.name")
                    .bind("project", projectId);
            if (userId != null) {
                q.bind("user", userId);
            }
            q.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    @Override
    public List<TypedUsage> byConsumerType(String projectId, String userId, String consumerType) {
        String filter = (userId != null ? " AND u.external_id = :user" : "")
                + ("unknown".equals(consumerType) ? " AND con.consumer_type_id IS NULL"
                : consumerType != null && !"all".equals(consumerType) ? " AND ct.name = :type" : "");
        // "all" folds every consumer into one group; otherwise group by type (no type = "unknown").
        // (PostgreSQL refuses a constant in GROUP BY, so "all" simply does not group by type.)
        boolean folded = "all".equals(consumerType);
        String group = folded ? "'all'" : "COALESCE(ct.name, 'unknown')";
        return tx.read(h -> {
            Map<String, Map<String, Long>> usage = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            var q = h.createQuery("SELECT " + group + " AS grp, c.name, SUM(a.used)" + BY_PROJECT + filter
                    + " GROUP BY " + (folded ? "" : group + ", ") + "c.name ORDER BY 1, 2");
            var cq = h.createQuery("SELECT " + group + " AS grp, COUNT(DISTINCT a.consumer_id)" + BY_PROJECT + filter
                    + (folded ? "" : " GROUP BY " + group));
            for (var query : List.of(q, cq)) {
                query.bind("project", projectId);
                if (userId != null) {
                    query.bind("user", userId);
                }
                if (filter.contains(":type")) {
                    query.bind("type", consumerType);
                }
            }
            q.map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}).forEach(r ->
                    usage.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>()).put((String) r[1], (Long) r[2]));
            cq.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> counts.put(e.getKey(), e.getValue()));
            List<TypedUsage> out = new ArrayList<>();
            usage.forEach((type, res) -> out.add(new TypedUsage(type, res, counts.getOrDefault(type, 0L))));
            return out;
        });
    }
}
