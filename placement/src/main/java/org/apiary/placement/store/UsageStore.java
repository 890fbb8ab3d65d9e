package org.apiary.placement.store;

import java.util.List;
import java.util.Map;
import org.apiary.placement.domain.TypedUsage;

/** Sums of allocations. */
public interface UsageStore {
    /** Resource class → used, for every class the provider has inventory of (0 when unused). */
    Map<String, Long> providerUsages(String providerUuid);

    /** Resource class → used by a project's (and optionally one user's) consumers. */
    Map<String, Long> totals(String projectId, String userId);

    /**
     * 1.38: usages grouped by consumer type. {@code consumerType} "all" folds every type into
     * one group, "unknown" selects consumers without a type, null groups by each type.
     */
    List<TypedUsage> byConsumerType(String projectId, String userId, String consumerType);
}
