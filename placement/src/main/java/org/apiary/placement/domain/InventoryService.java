package org.apiary.placement.domain;

import java.util.Map;
import org.apiary.placement.domain.candidates.Inventory;
import org.apiary.placement.store.InventoryStore;

/** Inventories, with upstream's rule that reserved must leave some capacity. */
public final class InventoryService {
    private final InventoryStore store;

    public InventoryService(InventoryStore store) {
        this.store = store;
    }

    public Inventories get(String providerUuid) {
        return store.get(providerUuid);
    }

    /**
     * @param reservedMayEqualTotal microversion 1.26+: a capacity of exactly 0 is allowed
     */
    public Inventories replace(String providerUuid, long generation, Map<String, Inventory> inventories,
                               boolean reservedMayEqualTotal) {
        inventories.forEach((rc, inv) -> checkCapacity("update", providerUuid, rc, inv, reservedMayEqualTotal));
        return store.replace(providerUuid, generation, inventories);
    }

    public Inventories add(String providerUuid, String resourceClass, Inventory inventory, boolean reservedMayEqualTotal) {
        checkCapacity("create", providerUuid, resourceClass, inventory, reservedMayEqualTotal);
        return store.add(providerUuid, resourceClass, inventory);
    }

    public Inventories update(String providerUuid, long generation, String resourceClass, Inventory inventory,
                              boolean reservedMayEqualTotal) {
        checkCapacity("update", providerUuid, resourceClass, inventory, reservedMayEqualTotal);
        return store.update(providerUuid, generation, resourceClass, inventory);
    }

    public void delete(String providerUuid, String resourceClass) {
        store.delete(providerUuid, resourceClass);
    }

    public void deleteAll(String providerUuid) {
        store.deleteAll(providerUuid);
    }

    /** Also used by the reshaper. */
    public static void checkCapacity(String action, String providerUuid, String rc, Inventory inv,
                                     boolean reservedMayEqualTotal) {
        long capacity = inv.capacity();
        if (reservedMayEqualTotal ? capacity < 0 : capacity <= 0) {
            throw Failures.badRequest("Unable to " + action + " inventory for resource provider " + providerUuid
                    + ": Invalid inventory for '" + rc + "' on resource provider '" + providerUuid + "'. The reserved "
                    + "value is greater than " + (reservedMayEqualTotal ? "" : "or equal to ") + "total.");
        }
    }
}
