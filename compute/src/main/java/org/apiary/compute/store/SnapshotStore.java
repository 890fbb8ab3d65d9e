package org.apiary.compute.store;

import java.util.Optional;

/** The image each server's running createImage writes to (compute_snapshot). */
public interface SnapshotStore {
    /** Records the snapshot; false when the server already has one running. */
    boolean begin(String instanceUuid, String imageId, long now);

    /** The image of the server's running snapshot. */
    Optional<String> imageOf(String instanceUuid);

    /** Forgets the server's snapshot, if it is still {@code imageId}'s. */
    void end(String instanceUuid, String imageId);
}
