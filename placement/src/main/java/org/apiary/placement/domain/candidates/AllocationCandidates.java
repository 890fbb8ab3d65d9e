package org.apiary.placement.domain.candidates;

import java.util.List;

/**
 * The answer to GET /allocation_candidates before rendering.
 *
 * @param allocationRequests the candidates, in the engine's deterministic order
 * @param providerSummaries every provider to summarise (capacity, usage, traits, tree position)
 * @param snapshotToken identity of the provider snapshot the answer was computed from (null for
 *                      an empty answer): two answers with the same token saw identical provider
 *                      data, so renderings of a provider may be reused between them
 */
public record AllocationCandidates(List<AllocationRequest> allocationRequests, List<ProviderView> providerSummaries,
                                   Object snapshotToken) {

    public static final AllocationCandidates NONE = new AllocationCandidates(List.of(), List.of(), null);
}
