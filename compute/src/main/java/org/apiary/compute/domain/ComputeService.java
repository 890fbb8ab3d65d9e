package org.apiary.compute.domain;

/**
 * A nova-compute service row (os-services). {@code up} is decided by the caller from
 * {@code lastSeenUp} and the service down time.
 */
public record ComputeService(long id, String uuid, String host, String binary, boolean disabled,
                             String disabledReason, boolean forcedDown, Long lastSeenUp, long createdAt,
                             Long updatedAt) {}
