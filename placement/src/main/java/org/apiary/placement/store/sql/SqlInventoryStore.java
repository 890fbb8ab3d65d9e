package org.apiary.placement.store.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiary.placement.domain.ErrorCodes;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.Inventories;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.store.InventoryStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

/**
 * Inventories. The provider row is compare-and-bumped first, so the row lock is held while the
 * allocations are checked against the new inventory; allocation writers take the same lock.
 */
public final class SqlInventoryStore implements InventoryStore {
    private static final String GENERATION_CONFLICT = "resource provider generation conflict";
    private final Tx tx;

    public SqlInventoryStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public Inventories get(String providerUuid) {
        return tx.read(h -> load(h, Refs.requireProvider(h, providerUuid)));
    }

    static Inventories load(Handle h, Refs.ProviderRow p) {
        Map<String, Inventory> byClass = new LinkedHashMap<>();
        long[] last = {0};
        h.createQuery("SELECT c.name, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size, i.allocation_ratio, "
                        + "i.updated_at FROM placement_inventories i JOIN placement_resource_classes c "
                        + "ON c.id = i.resource_class_id WHERE i.provider_id = :p ORDER BY c.id")
                .bind("p", p.id())
                .map((rs, ctx) -> {
                    last[0] = Math.max(last[0], rs.getLong(8));
                    return Map.entry(rs.getString(1), new Inventory(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getDouble(7)));
                })
                .forEach(e -> byClass.put(e.getKey(), e.getValue()));
        return new Inventories(p.generation(), byClass, last[0]);
    }

    @Override
    public Inventories replace(String providerUuid, long expectedGeneration, Map<String, Inventory> wanted) {
        return tx.write(h -> {
            Refs.ProviderRow p = Refs.requireProvider(h, providerUuid);
            Refs.bumpGeneration(h, providerUuid, expectedGeneration, GENERATION_CONFLICT);
            Map<String, Long> ids = classIds(h, wanted.keySet(), rc -> Failures.badRequest("Unknown resource class in "
                    + "inventory for resource provider " + providerUuid + ": No such resource class " + rc + "."));
            Map<String, Inventory> current = load(h, p).byClass();
            List<String> removed = current.keySet().stream().filter(rc -> !wanted.containsKey(rc)).toList();
            String inUse = classesInUse(h, p.id(), removed);
            if (inUse != null) {
                throw Failures.conflict("update conflict: " + inUseMessage(inUse, providerUuid),
                        ErrorCodes.INVENTORY_INUSE);
            }
            for (String rc : removed) {
                deleteRow(h, p.id(), rc);
            }
            for (Map.Entry<String, Inventory> e : wanted.entrySet()) {
                if (current.containsKey(e.getKey())) {
                    updateRow(h, p.id(), ids.get(e.getKey()), e.getValue());
                } else {
                    insertRow(h, p.id(), ids.get(e.getKey()), e.getValue());
                }
            }
            return load(h, Refs.requireProvider(h, providerUuid));
        });
    }

    @Override
    public Inventories add(String providerUuid, String resourceClass, Inventory inventory) {
        return tx.write(h -> {
            Refs.ProviderRow p = Refs.requireProvider(h, providerUuid);
            long rc = Refs.resourceClassId(h, resourceClass).orElseThrow(() -> Failures.badRequest("Unable to create "
                    + "inventory for resource provider " + providerUuid + ": No such resource class " + resourceClass
                    + "."));
            if (load(h, p).byClass().containsKey(resourceClass)) {
                throw Failures.concurrentUpdate("Update conflict: Inventory for " + resourceClass
                        + " on resource provider " + providerUuid + " already exists.");
            }
            Refs.bumpGeneration(h, providerUuid, p.generation(), "Update conflict: Another thread concurrently "
                    + "updated the resource provider data. Please retry your update");
            insertRow(h, p.id(), rc, inventory);
            return load(h, Refs.requireProvider(h, providerUuid));
        });
    }

    @Override
    public Inventories update(String providerUuid, long expectedGeneration, String resourceClass, Inventory inventory) {
        return tx.write(h -> {
            Refs.ProviderRow p = Refs.requireProvider(h, providerUuid);
            Refs.bumpGeneration(h, providerUuid, expectedGeneration, GENERATION_CONFLICT);
            Long rc = Refs.resourceClassId(h, resourceClass).orElse(null);
            if (rc == null || !load(h, p).byClass().containsKey(resourceClass)) {
                throw Failures.badRequest("No inventory record with resource class for resource provider "
                        + providerUuid + ": No inventory of class " + resourceClass + " found.");
            }
            updateRow(h, p.id(), rc, inventory);
            return load(h, Refs.requireProvider(h, providerUuid));
        });
    }

    @Override
    public void delete(String providerUuid, String resourceClass) {
        tx.write(h -> {
            Refs.ProviderRow p = Refs.requireProvider(h, providerUuid);
            String notFound = "No inventory of class " + resourceClass + " found for delete";
            if (!load(h, p).byClass().containsKey(resourceClass)) {
                throw Failures.notFound(notFound + ": " + notFound);
            }
            Refs.bumpGeneration(h, p.id());
            if (classesInUse(h, p.id(), List.of(resourceClass)) != null) {
                throw Failures.concurrentUpdate("Unable to delete inventory of class " + resourceClass + ": "
                        + inUseMessage(resourceClass, providerUuid));
            }
            deleteRow(h, p.id(), resourceClass);
            return null;
        });
    }

    @Override
    public void deleteAll(String providerUuid) {
        tx.write(h -> {
            Refs.ProviderRow p = Refs.requireProvider(h, providerUuid);
            Refs.bumpGeneration(h, p.id());
            String inUse = classesInUse(h, p.id(), List.copyOf(load(h, p).byClass().keySet()));
            if (inUse != null) {
                throw Failures.conflict(inUseMessage(inUse, providerUuid), ErrorCodes.INVENTORY_INUSE);
            }
            h.createUpdate("DELETE FROM placement_inventories WHERE provider_id = :p").bind("p", p.id()).execute();
            return null;
        });
    }

    static String inUseMessage(String classes, String providerUuid) {
        return "Inventory for '" + classes + "' on resource provider '" + providerUuid + "' in use.";
    }

    /** The classes among {@code classes} that have allocations on the provider, comma-joined, or null. */
    static String classesInUse(Handle h, long providerId, List<String> classes) {
        if (classes.isEmpty()) {
            return null;
        }
        List<String> used = h.createQuery("SELECT DISTINCT c.name, c.id FROM placement_allocations a "
                        + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
                        + "WHERE a.provider_id = :p AND c.name IN (<names>) ORDER BY c.id")
                .bind("p", providerId).bindList("names", classes).map((rs, ctx) -> rs.getString(1)).list();
        return used.isEmpty() ? null : String.join(", ", used);
    }

    static Map<String, Long> classIds(Handle h, Iterable<String> names,
                                      java.util.function.Function<String, RuntimeException> unknown) {
        Map<String, Long> ids = new TreeMap<>();
        for (String rc : names) {
            ids.put(rc, Refs.resourceClassId(h, rc).orElseThrow(() -> unknown.apply(rc)));
        }
        return ids;
    }

    static void insertRow(Handle h, long providerId, long rcId, Inventory i) {
        long now = Ids.now();
        h.createUpdate("INSERT INTO placement_inventories (provider_id, resource_class_id, total, reserved, min_unit, "
                        + "max_unit, step_size, allocation_ratio, created_at, updated_at) VALUES (:p, :rc, :total, "
                        + ":reserved, :min, :max, :step, :ratio, :now, :now)")
                .bind("p", providerId).bind("rc", rcId).bind("total", i.total()).bind("reserved", i.reserved())
                .bind("min", i.minUnit()).bind("max", i.maxUnit()).bind("step", i.stepSize())
                .bind("ratio", i.allocationRatio()).bind("now", now).execute();
    }

    static void updateRow(Handle h, long providerId, long rcId, Inventory i) {
        h.createUpdate("UPDATE placement_inventories SET total = :total, reserved = :reserved, min_unit = :min, "
                        + "max_unit = :max, step_size = :step, allocation_ratio = :ratio, updated_at = :now "
                        + "WHERE provider_id = :p AND resource_class_id = :rc")
                .bind("p", providerId).bind("rc", rcId).bind("total", i.total()).bind("reserved", i.reserved())
                .bind("min", i.minUnit()).bind("max", i.maxUnit()).bind("step", i.stepSize())
                .bind("ratio", i.allocationRatio()).bind("now", Ids.now()).execute();
    }

    static void deleteRow(Handle h, long providerId, String rc) {
        h.createUpdate("DELETE FROM placement_inventories WHERE provider_id = :p AND resource_class_id = "
                + "(SELECT id FROM placement_resource_classes WHERE name = :rc)").bind("p", providerId)
                .bind("rc", rc).execute();
    }
}
