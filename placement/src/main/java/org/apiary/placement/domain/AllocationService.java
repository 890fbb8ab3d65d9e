package org.apiary.placement.domain;

import java.util.List;
import java.util.Map;
import org.apiary.placement.store.AllocationStore;
import org.apiary.placement.store.CatalogStore;

/**
 * Allocations. Consumers written without a project or user (before microversion 1.8) belong to
 * the configured "incomplete consumer" project and user, as upstream.
 */
public final class AllocationService {
    private final AllocationStore store;
    private final CatalogStore catalog;
    private final String incompleteProject;
    private final String incompleteUser;

    public AllocationService(AllocationStore store, CatalogStore catalog, String incompleteProject,
                             String incompleteUser) {
        this.store = store;
        this.catalog = catalog;
        this.incompleteProject = incompleteProject;
        this.incompleteUser = incompleteUser;
    }

    public ConsumerView forConsumer(String consumerUuid) {
        return store.forConsumer(consumerUuid);
    }

    public ProviderAllocations forProvider(String providerUuid) {
        return store.forProvider(providerUuid);
    }

    /**
     * @param unknownClassPrefix how this endpoint words an unknown resource class (upstream's
     *        PUT and POST differ), e.g. "Unable to allocate inventory for consumer X: "
     */
    public void replace(List<ConsumerAllocations> consumers, String unknownClassPrefix) {
        for (ConsumerAllocations c : consumers) {
            for (Map<String, Long> amounts : c.resources().values()) {
                for (String rc : amounts.keySet()) {
                    if (catalog.resourceClass(rc).isEmpty()) {
                        throw Failures.badRequest(unknownClassPrefix + "No such resource class " + rc + ".");
                    }
                }
            }
        }
        store.replace(consumers, incompleteProject, incompleteUser);
    }

    public void delete(String consumerUuid) {
        if (!store.deleteConsumer(consumerUuid)) {
            throw Failures.notFound("No allocations for consumer '" + consumerUuid + "'");
        }
    }

    public void reshape(Map<String, ReshapedInventory> inventories, List<ConsumerAllocations> allocations) {
        store.reshape(inventories, allocations, incompleteProject, incompleteUser);
    }
}
