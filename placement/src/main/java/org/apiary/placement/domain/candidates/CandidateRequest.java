package org.apiary.placement.domain.candidates;

import java.util.List;
import java.util.Set;

/**
 * A parsed GET /allocation_candidates: the request groups plus the request-wide parameters
 * (Placement's {@code RequestWideParams}).
 *
 * @param groups in query order; the order groups are searched in
 * @param limit at most this many allocation requests, or null
 * @param isolate group_policy=isolate: granular groups must land on distinct providers
 * @param rootRequired traits the root of every candidate's tree must have (1.35)
 * @param rootForbidden traits the root of every candidate's tree must not have (1.35)
 * @param sameSubtrees sets of suffixes whose providers must share one subtree (1.36)
 * @param nestedAware microversion 1.29+: candidates may combine providers of one tree
 */
public record CandidateRequest(List<RequestGroup> groups, Integer limit, boolean isolate, Set<String> rootRequired,
                               Set<String> rootForbidden, List<Set<String>> sameSubtrees, boolean nestedAware) {

    public CandidateRequest {
        groups = List.copyOf(groups);
        rootRequired = Set.copyOf(rootRequired);
        rootForbidden = Set.copyOf(rootForbidden);
        sameSubtrees = sameSubtrees.stream().map(Set::copyOf).toList();
    }

    /** Just groups, at the latest microversion's semantics, no limit and no policy. */
    public static CandidateRequest of(RequestGroup... groups) {
        return new CandidateRequest(List.of(groups), null, false, Set.of(), Set.of(), List.of(), true);
    }
}
