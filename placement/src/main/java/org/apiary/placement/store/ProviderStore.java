package org.apiary.placement.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiary.placement.domain.NamedItem;
import org.apiary.placement.domain.Provider;
import org.apiary.placement.domain.ProviderFilter;

/** Resource providers, their tree, aggregates and traits. Every write is one transaction. */
public interface ProviderStore {
    /** Creates a provider (generation 0); 409 on a duplicate uuid or name, 400 for a missing parent. */
    Provider create(String uuid, String name, String parentUuid);

    Optional<Provider> get(String uuid);

    List<Provider> list(ProviderFilter filter);

    /**
     * Renames and/or re-parents a provider. {@code parentGiven} false leaves the parent alone.
     * Re-parenting and un-parenting are refused unless {@code allowReparenting} (1.37).
     */
    Provider update(String uuid, String name, boolean parentGiven, String parentUuid, boolean allowReparenting);

    /** 409 when it has children or allocations; 404 when it does not exist. */
    void delete(String uuid);

    List<String> aggregates(String uuid);

    /**
     * Replaces the provider's aggregates. With {@code expectedGeneration} (1.19+) the generation
     * must match and is bumped; without it the generation is left alone, as before 1.19.
     * @return the provider generation after the write
     */
    long setAggregates(String uuid, Long expectedGeneration, List<String> aggregateUuids);

    List<NamedItem> traits(String uuid);

    /**
     * Replaces the provider's traits; the generation must match (null: the current one) and is
     * bumped only when the set changes. Unknown trait names are a 400.
     * @return the provider generation after the write
     */
    long setTraits(String uuid, Long expectedGeneration, Set<String> traits);
}
