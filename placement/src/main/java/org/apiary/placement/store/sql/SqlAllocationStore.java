package org.apiary.placement.store.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiary.placement.domain.ConsumerAllocations;
import org.apiary.placement.domain.ConsumerView;
import org.apiary.placement.domain.ErrorCodes;
import org.apiary.placement.domain.Failures;
import org.apiary.placement.domain.ProviderAllocations;
import org.apiary.placement.domain.ReshapedInventory;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.store.AllocationStore;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;

public final class SqlAllocationStore implements AllocationStore {
    private final Tx tx;

    public SqlAllocationStore(Database db) {
        this.tx = new Tx(db);
    }

    @Override
    public ConsumerView forConsumer(String consumerUuid) {
        return tx.read(h -> {
            ConsumerView[] head = {null};
            Map<String, Long> generations = new LinkedHashMap<>();
            Map<String, Map<String, Long>> held = new LinkedHashMap<>();
            long[] last = {0};
            h.createQuery("SELECT p.uuid, p.generation, c.name, a.used, a.created_at, con.generation, pr.external_id, "
                            + "u.external_id, ct.name FROM placement_consumers con "
                            + "JOIN placement_allocations a ON a.consumer_id = con.id "
                            + "JOIN placement_providers p ON p.id = a.provider_id "
                            + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
                            + "JOIN placement_projects pr ON pr.id = con.project_id "
                            + "JOIN placement_users u ON u.id = con.user_id "
                            + "LEFT JOIN placement_consumer_types ct ON ct.id = con.consumer_type_id "
                            + "WHERE con.uuid = :u ORDER BY p.id, c.id")
                    .bind("u", consumerUuid)
                    .map((rs, ctx) -> {
                        head[0] = new ConsumerView(consumerUuid, rs.getString(7), rs.getString(8), rs.getLong(6),
                                rs.getString(9), Map.of(), 0);
                        generations.put(rs.getString(1), rs.getLong(2));
                        held.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(3),
                                rs.getLong(4));
                        last[0] = Math.max(last[0], rs.getLong(5));
                        return 0;
                    }).list();
            if (head[0] == null) {
                return ConsumerView.empty(consumerUuid);
            }
            Map<String, ConsumerView.Held> allocations = new LinkedHashMap<>();
            held.forEach((rp, res) -> allocations.put(rp, new ConsumerView.Held(generations.get(rp), res)));
            ConsumerView c = head[0];
            return new ConsumerView(consumerUuid, c.projectId(), c.userId(), c.generation(), c.consumerType(),
                    allocations, last[0]);
        });
    }

    @Override
    public ProviderAllocations forProvider(String providerUuid) {
        return tx.read(h -> {
            Optional<Refs.ProviderRow> p = Refs.provider(h, providerUuid);
            if (p.isEmpty()) {
                throw Failures.notFound("Resource provider '" + providerUuid + "' not found: No resource provider "
                        + "with uuid " + providerUuid + " found");
            }
            Map<String, Map<String, Long>> held = new LinkedHashMap<>();
            Map<String, Long> generations = new LinkedHashMap<>();
            long[] last = {0};
            h.createQuery("SELECT con.uuid, c.name, a.used, con.generation, a.created_at FROM placement_allocations a "
                            + "JOIN placement_consumers con ON con.id = a.consumer_id "
                            + "JOIN placement_resource_classes c ON c.id = a.resource_class_id "
                            + "WHERE a.provider_id = :p ORDER BY con.id, c.id")
                    .bind("p", p.get().id())
                    .map((rs, ctx) -> {
                        held.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                                rs.getLong(3));
                        generations.put(rs.getString(1), rs.getLong(4));
                        last[0] = Math.max(last[0], rs.getLong(5));
                        return 0;
                    }).list();
            Map<String, ProviderAllocations.Held> byConsumer = new LinkedHashMap<>();
            held.forEach((c, res) -> byConsumer.put(c, new ProviderAllocations.Held(res, generations.get(c))));
            return new ProviderAllocations(p.get().generation(), byConsumer, last[0]);
        });
    }

    @Override
    public void replace(List<ConsumerAllocations> consumers, String incompleteProject, String incompleteUser) {
        tx.writeAllocations(h -> {
            AllocationWriter.apply(h, consumers, incompleteProject, incompleteUser);
            return null;
        });
    }

    @Override
    public boolean deleteConsumer(String consumerUuid) {
        return tx.writeAllocations(h -> {
            Optional<Long> id = h.createQuery("SELECT id FROM placement_consumers WHERE uuid = :u")
                    .bind("u", consumerUuid).mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return false;
            }
            // Take the consumer's row lock first, as allocation writers do.
            h.createUpdate("UPDATE placement_consumers SET generation = generation + 1 WHERE id = :id")
                    .bind("id", id.get()).execute();
            int n = h.createUpdate("DELETE FROM placement_allocations WHERE consumer_id = :id").bind("id", id.get())
                    .execute();
            h.createUpdate("DELETE FROM placement_consumers WHERE id = :id").bind("id", id.get()).execute();
            return n > 0;
        });
    }

    @Override
    public void reshape(Map<String, ReshapedInventory> inventories, List<ConsumerAllocations> allocations,
                        String incompleteProject, String incompleteUser) {
        tx.write(h -> {
            TreeMap<String, ReshapedInventory> sorted = new TreeMap<>(inventories);
            for (Map.Entry<String, ReshapedInventory> e : sorted.entrySet()) {
                Refs.ProviderRow p = Refs.provider(h, e.getKey()).orElseThrow(() -> Failures.badRequest(
                        "Resource provider " + e.getKey() + " in inventories not found: No resource provider with "
                                + "uuid " + e.getKey() + " found", ErrorCodes.RESOURCE_PROVIDER_NOT_FOUND));
                if (p.generation() != e.getValue().expectedGeneration()) {
                    throw Failures.concurrentUpdate("resource provider generation conflict for provider "
                            + e.getKey() + ": actual: " + p.generation() + ", given: "
                            + e.getValue().expectedGeneration());
                }
            }
            // Step 1: the union of old and new inventories, so allocations can move in step 2.
            for (Map.Entry<String, ReshapedInventory> e : sorted.entrySet()) {
                Map<String, Inventory> wanted = e.getValue().inventories();
                if (!wanted.isEmpty()) {
                    Refs.ProviderRow p = Refs.requireProvider(h, e.getKey());
                    Map<String, Inventory> union = new LinkedHashMap<>(SqlInventoryStore.load(h, p).byClass());
                    union.putAll(wanted);
                    setInventory(h, p, union);
                }
            }
            AllocationWriter.apply(h, allocations, incompleteProject, incompleteUser);
            // Step 3: exactly the inventories asked for.
            for (Map.Entry<String, ReshapedInventory> e : sorted.entrySet()) {
                setInventory(h, Refs.requireProvider(h, e.getKey()), e.getValue().inventories());
            }
            return null;
        });
    }

    /** Sets a provider's inventory to exactly {@code wanted} and bumps its generation (as set_inventory). */
    private static void setInventory(Handle h, Refs.ProviderRow p, Map<String, Inventory> wanted) {
        Map<String, Long> ids = SqlInventoryStore.classIds(h, wanted.keySet(), rc -> Failures.badRequest(
                "malformed reshaper data: No such resource class " + rc + "."));
        Map<String, Inventory> current = SqlInventoryStore.load(h, p).byClass();
        List<String> removed = current.keySet().stream().filter(rc -> !wanted.containsKey(rc)).toList();
        String inUse = SqlInventoryStore.classesInUse(h, p.id(), removed);
        if (inUse != null) {
            throw Failures.conflict("update conflict: " + SqlInventoryStore.inUseMessage(inUse, p.uuid()),
                    ErrorCodes.INVENTORY_INUSE);
        }
        for (String rc : removed) {
            SqlInventoryStore.deleteRow(h, p.id(), rc);
        }
        wanted.forEach((rc, inv) -> {
            if (current.containsKey(rc)) {
                SqlInventoryStore.updateRow(h, p.id(), ids.get(rc), inv);
            } else {
                SqlInventoryStore.insertRow(h, p.id(), ids.get(rc), inv);
            }
        });
        Refs.bumpGeneration(h, p.id());
    }
}
