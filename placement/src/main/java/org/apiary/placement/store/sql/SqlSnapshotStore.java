package org.apiary.placement.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.domain.candidates.ProviderView;
import org.apiary.placement.store.SnapshotStore;
import org.apiary.store.Database;

/** Loads every provider for the in-memory snapshot with one query per table, not one per provider. */
public final class SqlSnapshotStore implements SnapshotStore {
    private final Tx tx;

    public SqlSnapshotStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Counters counters() {
        return tx.read(h -> {
            long[] c = new long[3];
            h.createQuery("SELECT id, counter FROM placement_change_counter WHERE id IN (1, 2)")
                    .map((rs, ctx) -> c[rs.getInt(1)] = rs.getLong(2)).list();
            return new Counters(c[1], c[2]);
        });
    }

    @Override
    public Usages loadUsages() {
        return tx.read(h -> {
            Map<String, Long> generations = new HashMap<>();
            h.createQuery("SELECT uuid, generation FROM placement_providers")
                    .map((rs, ctx) -> {
                        generations.put(rs.getString(1), rs.getLong(2));
                        return 0;
                    }).list();
            Map<String, Map<String, Long>> usages = new HashMap<>();
            h.createQuery("SELECT p.uuid, c.name, SUM(a.used) FROM placement_allocations a "
                            + "JOIN placement_providers p ON p.id = a.provider_id "
                            + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
                            + "GROUP BY p.uuid, c.name")
                    .map((rs, ctx) -> {
                        usages.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                        return 0;
                    }).list();
            return new Usages(generations, usages);
        });
    }

    private record Row(long id, String uuid, String name, long generation, String parent, String root) {}

    @Override
    public List<ProviderView> loadAll() {
        return tx.read(h -> {
            List<Row> rows = h.createQuery("SELECT p.id, p.uuid, p.name, p.generation, pp.uuid, r.uuid "
                            + "FROM placement_providers p LEFT JOIN placement_providers pp ON pp.id = p.parent_id "
                            + "JOIN placement_providers r ON r.id = p.root_id ORDER BY p.id")
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6))).list();
            Map<Long, Map<String, Inventory>> inventories = new HashMap<>();
            h.createQuery("SELECT i.provider_id, c.name, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size, "
                            + "i.allocation_ratio FROM placement_inventories i "
                            + "JOIN placement_resource_classes c ON c.id = i.resource_class_id")
                    .map((rs, ctx) -> {
                        inventories.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                                new Inventory(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                        rs.getLong(7), rs.getDouble(8)));
                        return 0;
                    }).list();
            Map<Long, Map<String, Long>> usages = new HashMap<>();
            h.createQuery("SELECT a.provider_id, c.name, SUM(a.used) FROM placement_allocations a "
                            + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
                            + "GROUP BY a.provider_id, c.name")
                    .map((rs, ctx) -> {
                        usages.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                        return 0;
                    }).list();
            Map<Long, Set<String>> traits = new HashMap<>();
            h.createQuery("SELECT pt.provider_id, t.name FROM placement_provider_traits pt "
                            + "JOIN placement_traits t ON t.id = pt.trait_id")
                    .map((rs, ctx) -> traits.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2)))
                    .list();
            Map<Long, Set<String>> aggregates = new HashMap<>();
            h.createQuery("SELECT pa.provider_id, a.uuid FROM placement_provider_aggregates pa "
                            + "JOIN placement_aggregates a ON a.id = pa.aggregate_id")
                    .map((rs, ctx) -> aggregates.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2)))
                    .list();
            List<ProviderView> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(new ProviderView(r.uuid(), r.name(), r.parent(), r.root(), r.generation(),
                        Map.copyOf(inventories.getOrDefault(r.id(), Map.of())),
                        Map.copyOf(usages.getOrDefault(r.id(), Map.of())),
                        Set.copyOf(traits.getOrDefault(r.id(), Set.of())),
                        Set.copyOf(aggregates.getOrDefault(r.id(), Set.of()))));
            }
            return out;
        });
    }

    @Override
    public Set<String> resourceClassNames() {
        return tx.read(h -> Set.copyOf(h.createQuery("SELECT name FROM placement_resource_classes")
                .mapTo(String.class).list()));
    }

    @Override
    public Set<String> traitNames() {
        return tx.read(h -> Set.copyOf(h.createQuery("SELECT name FROM placement_traits").mapTo(String.class).list()));
    }

    @Override
    public void reset() {
        tx.write(h -> {
            for (String table : List.of("placement_allocations", "placement_consumers", "placement_consumer_types",
                    "placement_projects", "placement_users", "placement_inventories", "placement_provider_traits",
                    "placement_provider_aggregates", "placement_aggregates")) {
                h.createUpdate("DELETE FROM " + table).execute();
            }
            // Children before parents, because of the parent foreign key.
            h.createUpdate("UPDATE placement_providers SET parent_id = NULL").execute();
            h.createUpdate("DELETE FROM placement_providers").execute();
            h.createUpdate("DELETE FROM placement_resource_classes WHERE name LIKE 'CUSTOM%'").execute();
            h.createUpdate("DELETE FROM placement_traits WHERE name LIKE 'CUSTOM%'").execute();
            return null;
        });
    }
}
