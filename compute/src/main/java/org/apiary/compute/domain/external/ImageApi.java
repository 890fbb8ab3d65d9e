package org.apiary.compute.domain.external;

import java.util.Map;
import java.util.Optional;

/** Glance as compute uses it. */
public interface ImageApi {
    /**
     * An image as the create/rebuild checks need it.
     *
     * @param sizeBytes  null while not uploaded
     * @param minDiskGb  min_disk; {@code minRamMb} min_ram
     * @param properties the image's extra properties (hw_*, trait:*, os_*)
     */
    record ImageInfo(String id, String name, String status, Long sizeBytes, int minDiskGb, int minRamMb,
                     String diskFormat, String containerFormat, Map<String, String> properties) {}

    /** The image if the project may see it. */
    Optional<ImageInfo> image(String imageId, String projectId);

    /**
     * Creates a queued image (createImage) owned by the project, with these properties; returns its id.
     */
    String createSnapshotImage(String name, String projectId, Map<String, String> properties, String diskFormat,
                               String containerFormat);

    /** Uploads the snapshot's bytes; the image becomes active. */
    void uploadSnapshot(String imageId, java.io.InputStream data);

    /** Deletes a snapshot image that failed. */
    void deleteImage(String imageId);
}
