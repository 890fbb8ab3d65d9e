package org.apiary.placement.domain;

/**
 * A resource provider as the API shows it.
 *
 * @param parentUuid null for a root provider
 * @param updatedAt epoch milliseconds of the last change (for Last-Modified)
 */
public record Provider(String uuid, String name, long generation, String parentUuid, String rootUuid,
                       long updatedAt) {}
