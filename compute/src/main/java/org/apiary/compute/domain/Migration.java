package org.apiary.compute.domain;

/**
 * A resize (os-migrations). {@code uuid} is also the Placement consumer that holds the old
 * flavor's resources until the resize is confirmed or reverted.
 *
 * @param status pre-migrating, migrating, finished, confirming, confirmed, reverting, reverted, error
 */
public record Migration(long id, String uuid, String instanceUuid, String migrationType, String status,
                        String sourceCompute, String destCompute, String sourceNode, String destNode,
                        String oldFlavorId, String newFlavorId, String projectId, String userId, long createdAt,
                        Long updatedAt) {}
