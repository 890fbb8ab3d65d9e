package org.apiary.compute.domain.external;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Placement as the scheduler and the conductor use it. */
public interface PlacementApi {
    /**
     * One request group (Nova asks for one unnamed group for a flavor).
     *
     * @param resources      resource class → amount
     * @param requiredTraits traits every provider must have
     * @param forbiddenTraits traits no provider may have
     * @param inTree         a provider uuid whose tree must supply it (requested host), or null
     */
    record Query(Map<String, Long> resources, Set<String> requiredTraits, Set<String> forbiddenTraits, String inTree) {
        public Query {
            resources = Map.copyOf(resources);
            requiredTraits = Set.copyOf(requiredTraits);
            forbiddenTraits = Set.copyOf(forbiddenTraits);
        }
    }

    /**
     * A candidate: the allocation to claim plus what the weighers need from the root provider.
     *
     * @param rootProvider   the compute node's provider uuid
     * @param allocations    provider uuid → resource class → amount
     * @param capacity       resource class → capacity left on the root provider before this claim
     */
    record Candidate(String rootProvider, Map<String, Map<String, Long>> allocations, Map<String, Long> capacity) {}

    /**
     * A consumer's allocations as the scheduler writes them.
     *
     * @param generation the consumer generation last seen, null for a new consumer
     */
    record Claim(String consumerUuid, String projectId, String userId, Long generation,
                 Map<String, Map<String, Long>> allocations) {}

    /** The consumer's allocations and generation (empty allocations and null generation when it has none). */
    record Holding(Long generation, Map<String, Map<String, Long>> allocations) {}

    /** Allocation candidates, unordered; empty when nothing fits. Unknown classes or traits give no candidates. */
    List<Candidate> candidates(Query query, int limit);

    /**
     * Writes all these consumers' allocations in one atomic step (Placement's POST /allocations).
     *
     * @return false when a capacity or generation conflict refused it (retry with fresh candidates)
     */
    boolean claim(List<Claim> claims);

    Holding allocations(String consumerUuid);

    /** Removes the consumer's allocations; no-op when there are none. */
    void release(String consumerUuid);

    /**
     * Creates or updates the provider of a compute node: name, inventory (resource class →
     * total, reserved, min_unit, max_unit, step_size, allocation_ratio) and traits.
     */
    void syncProvider(String uuid, String name, Map<String, Inventory> inventory, Set<String> traits);

    record Inventory(long total, long reserved, long minUnit, long maxUnit, long stepSize, double allocationRatio) {}

    /**
     * Makes the provider a member of the Placement aggregate {@code aggregateUuid} (Nova's
     * aggregate_add_host); no-op when it is one. Throws a NOT_FOUND ServiceException when the
     * provider does not exist.
     */
    void addToAggregate(String providerUuid, String aggregateUuid);

    /** The reverse of {@link #addToAggregate}; no-op when it is not a member. */
    void removeFromAggregate(String providerUuid, String aggregateUuid);
}
