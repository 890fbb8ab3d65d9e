package org.apiary.placement.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiary.placement.store.ProviderStore;

/** Resource providers, their place in a tree, aggregates and traits. */
public final class ProviderService {
    private final ProviderStore store;

    public ProviderService(ProviderStore store) {
        this.store = store;
    }

    /** @param uuid null to have one generated */
    public Provider create(String uuid, String name, String parentUuid) {
        return store.create(uuid != null ? uuid : UUID.randomUUID().toString(), name, parentUuid);
    }

    public Provider get(String uuid) {
        return store.get(uuid).orElseThrow(() -> Failures.providerNotFound(uuid));
    }

    public List<Provider> list(ProviderFilter filter) {
        return store.list(filter);
    }

    public Provider update(String uuid, String name, boolean parentGiven, String parentUuid, boolean allowReparenting) {
        Provider current = get(uuid);
        return store.update(uuid, name != null ? name : current.name(), parentGiven, parentUuid, allowReparenting);
    }

    public void delete(String uuid) {
        store.delete(uuid);
    }

    public List<String> aggregates(String uuid) {
        return store.aggregates(uuid);
    }

    public long setAggregates(String uuid, Long expectedGeneration, List<String> aggregateUuids) {
        return store.setAggregates(uuid, expectedGeneration, aggregateUuids);
    }

    public List<NamedItem> traits(String uuid) {
        return store.traits(uuid);
    }

    public long setTraits(String uuid, Long expectedGeneration, Set<String> traits) {
        return store.setTraits(uuid, expectedGeneration, traits);
    }
}
