package org.apiary.placement.store;

import java.util.Map;
import org.apiary.placement.domain.Inventories;
import org.apiary.placement.domain.candidates.Inventory;

/**
 * Inventories of a provider. Each write compares-and-bumps the provider generation in SQL, in the
 * same transaction that checks the allocations against the new inventory.
 */
public interface InventoryStore {
    Inventories get(String providerUuid);

    /** PUT .../inventories: replace them all. */
    Inventories replace(String providerUuid, long expectedGeneration, Map<String, Inventory> inventories);

    /** POST .../inventories: add one class not yet present (at the current generation). */
    Inventories add(String providerUuid, String resourceClass, Inventory inventory);

    /** PUT .../inventories/{rc}: change one existing class. */
    Inventories update(String providerUuid, long expectedGeneration, String resourceClass, Inventory inventory);

    /** DELETE .../inventories/{rc}; 409 when allocations use it. */
    void delete(String providerUuid, String resourceClass);

    /** DELETE .../inventories (1.5+); 409 when allocations use any of them. */
    void deleteAll(String providerUuid);
}
