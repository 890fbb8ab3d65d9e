package org.apiary.placement.store;

import java.util.List;
import java.util.Map;
import org.apiary.placement.domain.ConsumerAllocations;
import org.apiary.placement.domain.ConsumerView;
import org.apiary.placement.domain.ProviderAllocations;
import org.apiary.placement.domain.ReshapedInventory;

/**
 * Allocations by consumer. A write locks the consumers (generation compare-and-bump) and then the
 * providers it touches (generation bump) before it reads usages, so two writers can never both
 * see the same free capacity.
 */
public interface AllocationStore {
    ConsumerView forConsumer(String consumerUuid);

    ProviderAllocations forProvider(String providerUuid);

    /**
     * Replaces the allocations of every consumer named, atomically (PUT and POST /allocations).
     * @param incompleteProject project external id used when a request has none (before 1.8)
     */
    void replace(List<ConsumerAllocations> consumers, String incompleteProject, String incompleteUser);

    /** @return false when the consumer holds nothing */
    boolean deleteConsumer(String consumerUuid);

    /** POST /reshaper: move inventories and allocations between providers in one transaction. */
    void reshape(Map<String, ReshapedInventory> inventories, List<ConsumerAllocations> allocations,
                 String incompleteProject, String incompleteUser);
}
