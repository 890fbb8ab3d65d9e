package org.apiary.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.DiskConvert;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each image as a ZFS volume of the helper's dataset ({@code zvol/base-<image id>}), written once per host from
 * the raw image in the cache (disk_create, then disk_convert raw → the volume); guests' root disks are clones
 * of it. A volume is only used once it is known complete: the driver records each written base (its size) in
 * {@code <state dir>/base-volumes/<image id>} after the conversion, and an unrecorded base (a write cut short)
 * is destroyed and written again. Bases are kept when their guests go; concurrent spawns of one image wait
 * for one write.
 */
final class BaseVolumes {
    private static final Logger LOG = LoggerFactory.getLogger(BaseVolumes.class);
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final long MIB = 1L << 20;

    private final PrivilegedHelper helper;
    private final ImageSource images;
    private final Path records;
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** @param stateDir the driver's state directory; null: written bases are remembered in memory only */
    BaseVolumes(PrivilegedHelper helper, ImageSource images, Path stateDir) {
        this.helper = helper;
        this.images = images;
        this.records = stateDir == null ? null : stateDir.resolve("base-volumes");
    }

    /** The helper's disk path of an image's base volume. */
    static String volume(String imageId) {
        if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
            throw new IllegalArgumentException("image id '" + imageId + "' is not a lower-case UUID, so it cannot "
                    + "name a ZFS volume");
        }
        return "zvol/base-" + imageId;
    }

    /** The image's complete base volume, written first if needed; answers its size in bytes. */
    long ensure(String imageId) {
        String vol = volume(imageId);
        ReentrantLock lock = locks.computeIfAbsent(imageId, k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<Long> known = recorded(imageId);
            if (known.isPresent()) {
                return known.get();
            }
            return write(imageId, vol);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a base that turned out to be gone (destroyed outside the driver), so the next ensure writes it. */
    void forget(String imageId) {
        written.remove(imageId);
        if (records != null) {
            try {
                Files.deleteIfExists(records.resolve(imageId));
            } catch (IOException e) {
                LOG.warn("cannot remove the record of base volume {}: {}", imageId, e.toString());
            }
        }
    }

    private long write(String imageId, String vol) {
        CachedImage image = images.fetch(imageId);
        if (!image.format().equals("raw")) {
            throw new IllegalStateException("image " + imageId + " is cached as " + image.format() + ", not raw; a "
                    + "ZFS base volume is written from a raw image only (is the image cache writable?)");
        }
        long size = roundUpToMib(sizeOf(image.path()));
        long t0 = System.nanoTime();
        helper.call(new DiskDelete(vol)); // an unrecorded base: a write cut short (agent or helper killed)
        helper.call(new DiskCreate(vol, DiskFormat.RAW, size, null));
        try {
            helper.call(new DiskConvert(image.path().toString(), DiskFormat.RAW, vol, DiskFormat.RAW));
        } catch (RuntimeException e) {
            try {
                helper.call(new DiskDelete(vol));
            } catch (RuntimeException cleanup) {
                LOG.warn("cannot remove the half-written base volume {}: {}", vol, cleanup.getMessage());
            }
            throw e;
        }
        record(imageId, size);
        LOG.info("image {} written once for this host as ZFS volume {} ({} bytes, {} ms)", imageId, vol, size,
                (System.nanoTime() - t0) / 1_000_000);
        return size;
    }

    private Optional<Long> recorded(String imageId) {
        Long mem = written.get(imageId);
        if (mem != null || records == null) {
            return Optional.ofNullable(mem);
        }
        Path f = records.resolve(imageId);
        try {
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                String s = Files.readString(f).strip();
                if (s.matches("[1-9][0-9]{0,18}")) {
                    written.put(imageId, Long.parseLong(s));
                    return Optional.of(Long.parseLong(s));
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read the record of base volume {}: {}", imageId, e.toString());
        }
        return Optional.empty();
    }

    /** Written to a temporary file and renamed, so a record is never half there. */
    private void record(String imageId, long size) {
        written.put(imageId, size);
        if (records == null) {
            return;
        }
        try {
            Files.createDirectories(records);
            Path tmp = records.resolve(imageId + ".tmp");
            Files.writeString(tmp, size + "\n");
            Files.move(tmp, records.resolve(imageId), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The base is complete; without the record an agent restart writes it once more.
            LOG.warn("cannot record base volume {} in {}: {}", imageId, records, e.toString());
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the size of cached image " + p + ": " + e.getMessage(), e);
        }
    }

    /** ZFS volume sizes (and the helper's disk sizes) are whole MiB; qemu-img writes the image's bytes only. */
    static long roundUpToMib(long bytes) {
        return Math.max(MIB, (bytes + MIB - 1) / MIB * MIB);
    }
}
