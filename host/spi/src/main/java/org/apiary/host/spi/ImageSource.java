package org.apiary.host.spi;

/**
 * Where a driver gets a guest's image from: a local copy under the helper's disk root (the image cache).
 * Drivers only read the file; they copy it into each guest's own disk.
 */
public interface ImageSource {
    /**
     * The image's local copy.
     *
     * @throws IllegalArgumentException when this host cannot provide the image (unknown id, not cached, a
     *                                  format the source does not know)
     */
    CachedImage fetch(String imageId);
}
