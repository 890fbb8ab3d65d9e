package org.apiary.host.freebsd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.DiskConvert;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bhyve boots raw disks only, so a qcow2 image is converted to raw once per host and kept next to it in the
 * image cache as {@code <id>.raw} (design §3): the helper's disk_convert writes {@code <id>.raw.part}, which
 * is renamed into place when complete, so a conversion cut short (helper killed, disk full) is never used.
 * Later guests of the image copy the raw file. Concurrent spawns of one image wait for one conversion. Raw
 * images pass through; uploads go to the wrapped source.
 */
final class RawImageCache implements ImageSource {
    private static final Logger LOG = LoggerFactory.getLogger(RawImageCache.class);
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PrivilegedHelper helper;
    private final ImageSource images;
    private final ConcurrentHashMap<String, ReentrantLock> converting = new ConcurrentHashMap<>();

    RawImageCache(PrivilegedHelper helper, ImageSource images) {
        this.helper = helper;
        this.images = images;
    }

    @Override
    public CachedImage fetch(String imageId) {
        CachedImage image = images.fetch(imageId);
        if (!image.format().equals("qcow2") || !IMAGE_ID.matcher(imageId).matches()) {
            return image; // raw already; other formats are refused by the driver with its own message
        }
        Path raw = image.path().resolveSibling(imageId + ".raw");
        if (Files.isRegularFile(raw, LinkOption.NOFOLLOW_LINKS)) {
            return new CachedImage(raw, "raw");
        }
        ReentrantLock lock = converting.computeIfAbsent(imageId, k -> new ReentrantLock());
        lock.lock();
        try {
            if (Files.isRegularFile(raw, LinkOption.NOFOLLOW_LINKS)) {
                return new CachedImage(raw, "raw"); // converted while this spawn waited
            }
            return convert(imageId, image, raw);
        } finally {
            lock.unlock();
        }
    }

    private CachedImage convert(String imageId, CachedImage image, Path raw) {
        Path part = raw.resolveSibling(imageId + ".raw.part");
        long t0 = System.nanoTime();
        helper.call(new DiskDelete(part.toString())); // what a conversion cut short by a crash left
        helper.call(new DiskConvert(image.path().toString(), DiskFormat.QCOW2, part.toString(), DiskFormat.RAW));
        try {
            Files.move(part, raw, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The cache directory is not the agent's to write: convert per guest, as before, rather than fail.
            LOG.warn("cannot rename {} to {} ({}); image {} is converted for each guest instead", part, raw,
                    e.toString(), imageId);
            helper.call(new DiskDelete(part.toString()));
            return image;
        }
        LOG.info("image {} converted from qcow2 to raw once for this host: {} ({} ms)", imageId, raw,
                (System.nanoTime() - t0) / 1_000_000);
        return new CachedImage(raw, "raw");
    }

    @Override
    public void upload(String imageId, Path file) {
        images.upload(imageId, file);
    }
}
