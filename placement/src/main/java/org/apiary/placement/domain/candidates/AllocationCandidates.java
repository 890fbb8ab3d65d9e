package org.apiary.placement.domain.candidates;

import java.util.List;

/**
 * The answer to GET /allocation_candidates before rendering.
 *
 * @param allocationRequests the candidates, in the engine's deterministic order
 * @param providerSummaries every provider to summarise (capacity, usage, traits, tree position)
 */
public record AllocationCandidates(List<AllocationRequest> allocationRequests, List<ProviderView> providerSummaries) {

    public static final AllocationCandidates NONE = new AllocationCandidates(List.of(), List.of());
}
