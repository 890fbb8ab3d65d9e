package org.apiary.placement.domain;

import java.util.Map;

/** GET /resource_providers/{uuid}/allocations: who holds what on one provider. */
public record ProviderAllocations(long providerGeneration, Map<String, Held> byConsumer, long lastModified) {

    /** The amounts one consumer holds here, with that consumer's generation (1.28+). */
    public record Held(Map<String, Long> resources, long consumerGeneration) {}
}
