package org.apiary.placement.domain.candidates;

import java.util.Map;
import java.util.Set;

/**
 * A resource provider as the allocation-candidates engine sees it: a consistent, read-only
 * snapshot of its tree position, inventories, current usages, traits and aggregates.
 *
 * @param parentUuid null for a root provider
 * @param usages resource class → amount currently allocated (absent = 0)
 */
public record ProviderView(String uuid, String name, String parentUuid, String rootUuid, long generation,
                           Map<String, Inventory> inventories, Map<String, Long> usages, Set<String> traits,
                           Set<String> aggregates) {

    public long used(String resourceClass) {
        return usages.getOrDefault(resourceClass, 0L);
    }
}
