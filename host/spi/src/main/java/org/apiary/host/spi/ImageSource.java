package org.apiary.host.spi;

/**
 * The host's way to the image service: where a driver gets a guest's image from (a local copy under the
 * helper's disk root, the image cache), and where a guest's snapshot goes (createImage). Drivers only read
 * the cached file; they copy it into each guest's own disk.
 */
public interface ImageSource {
    /**
     * The image's local copy.
     *
     * @throws IllegalArgumentException when this host cannot provide the image (unknown id, not cached, a
     *                                  format the source does not know)
     */
    CachedImage fetch(String imageId);

    /**
     * Uploads a snapshot file as the data of the queued image {@code imageId} (created by the compute API);
     * the image becomes active. The caller deletes the file afterwards.
     *
     * @throws UnsupportedOperationException when this host cannot reach the image service to upload
     */
    default void upload(String imageId, java.nio.file.Path file) {
        throw new UnsupportedOperationException("this host's image source (" + getClass().getSimpleName()
                + ") cannot upload snapshots to the image service");
    }
}
