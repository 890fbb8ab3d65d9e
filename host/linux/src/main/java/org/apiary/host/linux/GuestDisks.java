package org.apiary.host.linux;

import java.util.List;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.DiskConvert;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.DiskResize;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guest's disks, made and changed with the helper's disk operations only: the root disk is a copy of the
 * cached image in the platform's disk format (disk_convert, so the image file itself is never written; qcow2
 * for QEMU, raw for bhyve), grown to the flavor's root size; ephemeral and swap disks are blank disks of that
 * format (the guest formats them: cloud-init does, as with Nova's libvirt driver and no ephemeral format
 * configured).
 */
final class GuestDisks {
    private static final Logger LOG = LoggerFactory.getLogger(GuestDisks.class);

    private final PrivilegedHelper helper;
    private final ImageSource images;
    private final GuestPlatform platform;
    private final DiskFormat format;

    GuestDisks(PrivilegedHelper helper, ImageSource images, GuestPlatform platform) {
        this.helper = helper;
        this.images = images;
        this.platform = platform;
        this.format = platform.diskFormat();
    }

    /** The root disk: a fresh copy of the definition's image, grown to rootGb when that is set. */
    void makeRoot(GuestDefinition def) {
        if (def.imageId() == null || def.imageId().isBlank()) {
            throw new IllegalArgumentException("guest " + def.uuid() + " has no image: the "
                    + platform.driverName() + " driver boots from images only (volumes are not supported)");
        }
        CachedImage image = images.fetch(def.imageId());
        DiskFormat source = GuestLayout.imageFormat(image.format(), platform.driverName());
        String root = GuestLayout.rootDisk(def.uuid());
        helper.call(new DiskConvert(image.path().toString(), source, root, format));
        if (def.rootGb() > 0) {
            helper.call(new DiskResize(root, format, def.rootGb() * GuestLayout.GIB));
        }
    }

    /** A blank disk of sizeBytes at path (0: none). */
    void makeBlank(String path, long sizeBytes) {
        if (sizeBytes > 0) {
            helper.call(new DiskCreate(path, format, sizeBytes, null));
        }
    }

    /**
     * Brings a disk to a new size for a resize: created when it had none, grown when bigger, left alone when
     * the new size is smaller (never shrunk: that would cut the guest's file system).
     *
     * @param oldBytes the size it was made with; -1 when the driver does not know (lost state)
     */
    void grow(String path, long oldBytes, long newBytes) {
        if (newBytes <= 0 || (oldBytes >= 0 && newBytes <= oldBytes)) {
            return;
        }
        if (oldBytes == 0) {
            makeBlank(path, newBytes);
            return;
        }
        if (oldBytes < 0) {
            try {
                makeBlank(path, newBytes);
                return;
            } catch (HelperException e) {
                if (e.code() != ErrorCode.CONFLICT) {
                    throw e;
                }
                // it exists: grow it below
            }
        }
        helper.call(new DiskResize(path, format, newBytes));
    }

    /** Removes each path that exists (disk_delete of a missing file changes nothing). */
    void remove(List<String> paths) {
        for (String p : paths) {
            helper.call(new DiskDelete(p));
        }
    }

    /** Like {@link #remove}, but only logs failures: cleanup after another failure must not hide it. */
    void removeQuietly(List<String> paths) {
        for (String p : paths) {
            try {
                helper.call(new DiskDelete(p));
            } catch (RuntimeException e) {
                LOG.warn("cannot remove disk {}: {}", p, e.getMessage());
            }
        }
    }
}
