package org.apiary.placement.domain;

import java.util.List;
import java.util.Map;
import org.apiary.placement.store.UsageStore;

/** Usages per provider and per project/user. */
public final class UsageService {
    private final UsageStore store;

    public UsageService(UsageStore store) {
        this.store = store;
    }

    public Map<String, Long> forProvider(String providerUuid) {
        return store.providerUsages(providerUuid);
    }

    public Map<String, Long> totals(String projectId, String userId) {
        return store.totals(projectId, userId);
    }

    public List<TypedUsage> byConsumerType(String projectId, String userId, String consumerType) {
        return store.byConsumerType(projectId, userId, consumerType);
    }
}
