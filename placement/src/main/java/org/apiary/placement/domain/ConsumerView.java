package org.apiary.placement.domain;

import java.util.Map;

/**
 * A consumer's allocations as GET /allocations/{consumer_uuid} shows them.
 *
 * @param allocations provider uuid → its generation and the amounts held there
 * @param consumerType null for consumers written before 1.38 ("unknown")
 */
public record ConsumerView(String consumerUuid, String projectId, String userId, long generation, String consumerType,
                           Map<String, Held> allocations, long lastModified) {

    /** The amounts one consumer holds on one provider. */
    public record Held(long providerGeneration, Map<String, Long> resources) {}

    public static ConsumerView empty(String uuid) {
        return new ConsumerView(uuid, null, null, 0, null, Map.of(), 0);
    }
}
