package org.apiary.placement.domain;

import java.util.Map;

/**
 * What a client asks one consumer to hold: the whole set replaces the consumer's allocations.
 * An empty {@code resources} map removes them all.
 *
 * @param projectId null before microversion 1.8 (the configured "incomplete consumer" ids apply)
 * @param generation the consumer generation the client saw (null: "a new consumer")
 * @param checkGeneration whether {@code generation} must match (microversion 1.28+)
 * @param consumerType null before 1.38 (keep the existing type)
 * @param resources provider uuid → resource class → amount
 */
public record ConsumerAllocations(String consumerUuid, String projectId, String userId, Long generation,
                                  boolean checkGeneration, String consumerType,
                                  Map<String, Map<String, Long>> resources) {}
