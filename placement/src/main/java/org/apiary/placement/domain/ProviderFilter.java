package org.apiary.placement.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of GET /resource_providers; null or empty means "no filter".
 *
 * @param memberOf each set is "member of any of these"; the sets are AND-ed
 * @param requiredTraits each set is "has any of these" (1.39 in:); the sets are AND-ed
 * @param resources resource class → amount that must still fit
 */
public record ProviderFilter(String name, String uuid, String inTree, List<Set<String>> memberOf,
                             Set<String> forbiddenAggregates, List<Set<String>> requiredTraits,
                             Set<String> forbiddenTraits, Map<String, Long> resources) {

    public static ProviderFilter none() {
        return new ProviderFilter(null, null, null, List.of(), Set.of(), List.of(), Set.of(), Map.of());
    }
}
