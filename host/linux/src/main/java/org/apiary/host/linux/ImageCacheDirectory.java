package org.apiary.host.linux;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ImageSource;

/**
 * Images already present in a cache directory under the helper's disk root, one file per image named
 * {@code <image id>.<disk format>} ({@code .qcow2} or {@code .raw}; Nova keeps its cache in
 * {@code instances/_base}). This source only looks files up: it downloads nothing, so an image must be put
 * there (by whatever fills the cache) before a server boots from it on this host.
 */
public final class ImageCacheDirectory implements ImageSource {
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> FORMATS = List.of("qcow2", "raw");

    private final Path dir;

    public ImageCacheDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public CachedImage fetch(String imageId) {
        if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
            throw new IllegalArgumentException("'" + imageId + "' is not an image id (a lower-case UUID)");
        }
        for (String format : FORMATS) {
            Path p = dir.resolve(imageId + "." + format);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return new CachedImage(p, format);
            }
        }
        throw new IllegalArgumentException("image " + imageId + " is not in this host's image cache " + dir
                + " (expected " + imageId + ".qcow2 or " + imageId + ".raw)");
    }
}
