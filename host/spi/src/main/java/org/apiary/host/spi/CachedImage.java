package org.apiary.host.spi;

import java.nio.file.Path;
import java.util.Locale;

/**
 * An image's content as a local file a driver can copy guest disks from.
 *
 * @param path   the file, under the helper's disk root (the helper refuses any other path)
 * @param format its disk format as Glance names it ({@code raw}, {@code qcow2}, {@code vmdk}), lower case
 */
public record CachedImage(Path path, String format) {
    public CachedImage {
        if (path == null || format == null || format.isBlank()) {
            throw new IllegalArgumentException("a cached image needs a path and a disk format");
        }
        format = format.strip().toLowerCase(Locale.ROOT);
    }
}
