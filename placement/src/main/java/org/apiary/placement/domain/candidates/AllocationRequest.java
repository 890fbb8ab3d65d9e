package org.apiary.placement.domain.candidates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation candidate: what to allocate from which provider, and which providers
 * satisfied each request group (the 1.34 "mappings").
 *
 * @param resources grouped by provider (a provider's entries are consecutive)
 * @param mappings group suffix → uuids of the providers that satisfied it, in group order
 */
public record AllocationRequest(List<ResourceAmount> resources, Map<String, List<String>> mappings) {

    /** An amount of one resource class from one provider. */
    public record ResourceAmount(String providerUuid, String resourceClass, long amount) {}

    /** provider uuid → resource class → amount, in the order of {@link #resources()}. */
    public Map<String, Map<String, Long>> byProvider() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (ResourceAmount r : resources) {
            out.computeIfAbsent(r.providerUuid(), k -> new LinkedHashMap<>()).put(r.resourceClass(), r.amount());
        }
        return out;
    }
}
