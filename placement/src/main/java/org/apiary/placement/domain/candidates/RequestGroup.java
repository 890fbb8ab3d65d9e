package org.apiary.placement.domain.candidates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request group of GET /allocation_candidates, as Placement's {@code lib.RequestGroup}.
 * The unnamed group (empty suffix) may be satisfied by several providers of one tree plus
 * sharing providers; a suffixed (granular) group by exactly one provider.
 *
 * @param suffix "" for the unnamed group, else the granular suffix ("1", "_NIC")
 * @param resources resource class → amount, in query order (empty for a resourceless group)
 * @param requiredTraits AND of ORs: each set needs at least one of its traits
 * @param forbiddenTraits traits no provider supplying this group may have
 * @param memberOf AND of ORs of aggregate uuids
 * @param forbiddenAggregates aggregates the supplying providers must not be in
 * @param inTree uuid of a provider whose tree must supply the group, or null
 */
public record RequestGroup(String suffix, Map<String, Long> resources, List<Set<String>> requiredTraits,
                           Set<String> forbiddenTraits, List<Set<String>> memberOf, Set<String> forbiddenAggregates,
                           String inTree) {

    public RequestGroup {
        resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        requiredTraits = List.copyOf(requiredTraits);
        forbiddenTraits = Set.copyOf(forbiddenTraits);
        memberOf = List.copyOf(memberOf);
        forbiddenAggregates = Set.copyOf(forbiddenAggregates);
    }

    /** A group with resources only, the common case in code and tests. */
    public static RequestGroup of(String suffix, Map<String, Long> resources) {
        return new RequestGroup(suffix, resources, List.of(), Set.of(), List.of(), Set.of(), null);
    }

    /** True for granular groups, which one provider alone must satisfy. */
    public boolean useSameProvider() {
        return !suffix.isEmpty();
    }
}
