package org.apiary.compute.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiary.compute.domain.Faults;
import org.apiary.compute.domain.Flavor;
import org.apiary.compute.domain.FlavorQuery;
import org.apiary.compute.domain.FlavorSpec;
import org.apiary.compute.store.FlavorStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

public final class SqlFlavorStore implements FlavorStore {
    /** API sort keys → columns (Nova's VALID_SORT_KEYS; vcpu_weight is not stored and sorts as id). */
    private static final Map<String, String> SORT_COLUMNS = Map.ofEntries(Map.entry("created_at", "created_at"),
            Map.entry("description", "description"), Map.entry("disabled", "disabled"),
            Map.entry("ephemeral_gb", "ephemeral_gb"), Map.entry("flavorid", "flavorid"), Map.entry("id", "id"),
            Map.entry("is_public", "is_public"), Map.entry("memory_mb", "memory_mb"), Map.entry("name", "name"),
            Map.entry("root_gb", "root_gb"), Map.entry("rxtx_factor", "rxtx_factor"), Map.entry("swap", "swap"),
            Map.entry("updated_at", "updated_at"), Map.entry("vcpu_weight", "id"), Map.entry("vcpus", "vcpus"));

    private final Tx tx;

    public SqlFlavorStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Flavor create(FlavorSpec s, long now) {
        return tx.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM compute_flavor WHERE flavorid = :f").bind("f", s.flavorId())
                    .mapTo(Integer.class).one() > 0) {
                throw Faults.flavorIdExists(s.flavorId());
            }
            if (h.createQuery("SELECT COUNT(*) FROM compute_flavor WHERE name = :n").bind("n", s.name())
                    .mapTo(Integer.class).one() > 0) {
                throw Faults.flavorExists(s.name());
            }
            long id = Tx.nextId(h, "flavor");
            Tx.insertOrFail(() -> h.createUpdate("INSERT INTO compute_flavor (id, flavorid, name, memory_mb, vcpus, "
                    + "root_gb, ephemeral_gb, swap, rxtx_factor, is_public, disabled, description, created_at) VALUES "
                    + "(:id, :f, :n, :m, :v, :r, :e, :s, :x, :p, 0, :d, :c)").bind("id", id).bind("f", s.flavorId())
                    .bind("n", s.name()).bind("m", s.memoryMb()).bind("v", s.vcpus()).bind("r", s.rootGb())
                    .bind("e", s.ephemeralGb()).bind("s", s.swap()).bind("x", s.rxtxFactor())
                    .bind("p", s.isPublic() ? 1 : 0).bind("d", s.description()).bind("c", now).execute(),
                    () -> Faults.flavorExists(s.name()));
            return load(h, "flavorid", s.flavorId()).orElseThrow();
        });
    }

    @Override
    public Optional<Flavor> find(String flavorId) {
        return tx.read(h -> load(h, "flavorid", flavorId));
    }

    private static Optional<Flavor> load(Handle h, String column, Object value) {
        Optional<Flavor> f = h.createQuery("SELECT * FROM compute_flavor WHERE " + column + " = :v").bind("v", value)
                .map((rs, ctx) -> row(rs)).findOne();
        return f.map(x -> x.withExtraSpecs(specs(h, List.of(x.id())).getOrDefault(x.id(), Map.of())));
    }

    @Override
    public List<Flavor> list(FlavorQuery q) {
        return tx.read(h -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM compute_flavor WHERE 1 = 1");
            Map<String, Object> binds = new HashMap<>();
            if (q.isPublic() != null) {
                if (q.isPublic() && q.projectId() != null) {
                    sql.append(" AND (is_public = 1 OR id IN (SELECT flavor_id FROM compute_flavor_project "
                            + "WHERE project_id = :project))");
                    binds.put("project", q.projectId());
                } else {
                    sql.append(" AND is_public = :pub");
                    binds.put("pub", q.isPublic() ? 1 : 0);
                }
            }
            if (q.onlyEnabled()) {
                sql.append(" AND disabled = 0");
            }
            if (q.minMemoryMb() != null) {
                sql.append(" AND memory_mb >= :minram");
                binds.put("minram", q.minMemoryMb());
            }
            if (q.minRootGb() != null) {
                sql.append(" AND root_gb >= :mindisk");
                binds.put("mindisk", q.minRootGb());
            }
            String column = SORT_COLUMNS.getOrDefault(q.sortKey(), "flavorid");
            String dir = q.ascending() ? "ASC" : "DESC";
            sql.append(" ORDER BY ").append(column).append(' ').append(dir).append(", id ").append(dir);
            Query query = h.createQuery(sql.toString());
            binds.forEach(query::bind);
            List<Flavor> all = query.map((rs, ctx) -> row(rs)).list();
            // Keyset paging on a sort over any column: skip to just after the marker in this order.
            int from = 0;
            if (q.marker() != null) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).flavorId().equals(q.marker())) {
                        from = i + 1;
                        break;
                    }
                }
            }
            from = Math.min(from, all.size());
            int to = q.limit() == null ? all.size() : Math.min(all.size(), from + q.limit());
            List<Flavor> page = new ArrayList<>(all.subList(from, to));
            Map<Long, Map<String, String>> specs = specs(h, page.stream().map(Flavor::id).toList());
            page.replaceAll(f -> f.withExtraSpecs(specs.getOrDefault(f.id(), Map.of())));
            return page;
        });
    }

    private static Map<Long, Map<String, String>> specs(Handle h, List<Long> ids) {
        Map<Long, Map<String, String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT flavor_id, spec_key, spec_value FROM compute_flavor_extra_spec WHERE flavor_id IN "
                + "(<ids>)").bindList("ids", ids).map((rs, ctx) -> out.computeIfAbsent(rs.getLong(1),
                k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3))).list();
        return out;
    }

    private static Flavor row(ResultSet rs) throws SQLException {
        return new Flavor(rs.getLong("id"), rs.getString("flavorid"), rs.getString("name"), rs.getInt("memory_mb"),
                rs.getInt("vcpus"), rs.getInt("root_gb"), rs.getInt("ephemeral_gb"), rs.getInt("swap"),
                rs.getDouble("rxtx_factor"), rs.getInt("is_public") == 1, rs.getInt("disabled") == 1,
                rs.getString("description"), Map.of(), rs.getLong("created_at"));
    }

    @Override
    public boolean setDescription(String flavorId, String description, long now) {
        return tx.write(h -> h.createUpdate("UPDATE compute_flavor SET description = :d, updated_at = :u "
                + "WHERE flavorid = :f").bind("d", description).bind("u", now).bind("f", flavorId).execute() > 0);
    }

    @Override
    public boolean delete(String flavorId) {
        return tx.write(h -> {
            Optional<Long> id = h.createQuery("SELECT id FROM compute_flavor WHERE flavorid = :f").bind("f", flavorId)
                    .mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM compute_flavor_extra_spec WHERE flavor_id = :i").bind("i", id.get()).execute();
            h.createUpdate("DELETE FROM compute_flavor_project WHERE flavor_id = :i").bind("i", id.get()).execute();
            return h.createUpdate("DELETE FROM compute_flavor WHERE id = :i").bind("i", id.get()).execute() > 0;
        });
    }

    @Override
    public boolean putExtraSpecs(long flavorId, Map<String, String> specs) {
        return tx.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM compute_flavor WHERE id = :i").bind("i", flavorId)
                    .mapTo(Integer.class).one() == 0) {
                return false;
            }
            for (Map.Entry<String, String> e : specs.entrySet()) {
                h.createUpdate("DELETE FROM compute_flavor_extra_spec WHERE flavor_id = :i AND spec_key = :k")
                        .bind("i", flavorId).bind("k", e.getKey()).execute();
                h.createUpdate("INSERT INTO compute_flavor_extra_spec (flavor_id, spec_key, spec_value) "
                        + "VALUES (:i, :k, :v)").bind("i", flavorId).bind("k", e.getKey()).bind("v", e.getValue())
                        .execute();
            }
            return true;
        });
    }

    @Override
    public boolean deleteExtraSpec(long flavorId, String key) {
        return tx.write(h -> h.createUpdate("DELETE FROM compute_flavor_extra_spec WHERE flavor_id = :i AND "
                + "spec_key = :k").bind("i", flavorId).bind("k", key).execute() > 0);
    }

    @Override
    public List<String> projects(long flavorId) {
        return tx.read(h -> h.createQuery("SELECT project_id FROM compute_flavor_project WHERE flavor_id = :i "
                + "ORDER BY project_id").bind("i", flavorId).mapTo(String.class).list());
    }

    @Override
    public boolean addProject(long flavorId, String projectId) {
        return tx.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM compute_flavor_project WHERE flavor_id = :i AND project_id = :p")
                    .bind("i", flavorId).bind("p", projectId).mapTo(Integer.class).one() > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO compute_flavor_project (flavor_id, project_id) VALUES (:i, :p)")
                    .bind("i", flavorId).bind("p", projectId).execute();
            return true;
        });
    }

    @Override
    public boolean removeProject(long flavorId, String projectId) {
        return tx.write(h -> h.createUpdate("DELETE FROM compute_flavor_project WHERE flavor_id = :i AND "
                + "project_id = :p").bind("i", flavorId).bind("p", projectId).execute() > 0);
    }
}
