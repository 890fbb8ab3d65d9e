package org.apiary.host.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.DiskConvert;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.DiskResize;
import org.apiary.privhelper.ops.GuestDisk;
import org.apiary.privhelper.ops.GuestSpec;
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
 *
 * <p><b>ZFS volumes.</b> When the helper has a ZFS dataset (its host_facts answers {@code zfsDataset}) and the
 * platform's disks are raw (bhyve), the root, ephemeral and swap disks are volumes of that dataset instead of
 * files ({@code <uuid>/disk} is placed as {@code zvol/<uuid>-disk}, see {@link #placed}): the root disk is a
 * clone of the image's base volume ({@link BaseVolumes}, written once per host) grown with disk_resize, the
 * others plain volumes. The config drive stays a file. Callers keep naming disks by {@link GuestLayout}'s
 * file names; this class places them.
 */
final class GuestDisks {
    private static final Logger LOG = LoggerFactory.getLogger(GuestDisks.class);

    private final PrivilegedHelper helper;
    private final ImageSource images;
    private final GuestPlatform platform;
    private final DiskFormat format;
    private final BooleanSupplier zfsVolumes;
    private final BaseVolumes bases;

    /**
     * @param zfsDataset whether the helper has a ZFS dataset for volumes (asked on each use: host_facts is read
     *                   once and cached by the caller)
     * @param stateDir   the driver's state directory, where written base volumes are recorded; null: memory only
     */
    GuestDisks(PrivilegedHelper helper, ImageSource images, GuestPlatform platform, BooleanSupplier zfsDataset,
            java.nio.file.Path stateDir) {
        this.helper = helper;
        this.images = images;
        this.platform = platform;
        this.format = platform.diskFormat();
        this.zfsVolumes = () -> format == DiskFormat.RAW && zfsDataset.getAsBoolean(); // a volume holds raw data only
        this.bases = new BaseVolumes(helper, images, stateDir);
    }

    /**
     * Where a disk named by {@link GuestLayout} is: itself, or with ZFS volumes its volume ({@code <uuid>/disk},
     * {@code disk.local}, {@code disk.swap} → {@code zvol/<uuid>-disk…}). Other paths (config drive, snapshot
     * files) are always files.
     */
    String placed(String path) {
        return zfsVolumes.getAsBoolean() ? volumeOf(path) : path;
    }

    private static final Set<String> VOLUME_NAMES = Set.of("disk", "disk.local", "disk.swap");

    private static String volumeOf(String path) {
        int slash = path.indexOf('/');
        if (slash > 0 && path.indexOf('/', slash + 1) < 0 && VOLUME_NAMES.contains(path.substring(slash + 1))
                && !path.startsWith("zvol/")) {
            return "zvol/" + path.substring(0, slash) + "-" + path.substring(slash + 1);
        }
        return path;
    }

    /** {@link GuestLayout#spec} with each disk {@link #placed}. */
    GuestSpec spec(GuestDefinition def, String cdrom, GuestPlatform platform) {
        return placed(GuestLayout.spec(def, cdrom, platform));
    }

    GuestSpec spec(GuestDefinition def, boolean ephemeral, boolean swap, String cdrom, GuestPlatform platform) {
        return placed(GuestLayout.spec(def, ephemeral, swap, cdrom, platform));
    }

    private GuestSpec placed(GuestSpec s) {
        List<GuestDisk> d = s.disks().stream().map(g -> new GuestDisk(placed(g.path()), g.format())).toList();
        return new GuestSpec(s.name(), s.vcpus(), s.memoryMb(), d, s.nics(), s.cdrom(), s.boot());
    }

    /**
     * The root disk: a fresh copy of the definition's image (with ZFS volumes: a clone of its base volume),
     * grown to rootGb when that is set.
     */
    void makeRoot(GuestDefinition def) {
        if (def.imageId() == null || def.imageId().isBlank()) {
            throw new IllegalArgumentException("guest " + def.uuid() + " has no image: the "
                    + platform.driverName() + " driver boots from images only (volumes are not supported)");
        }
        if (zfsVolumes.getAsBoolean()) {
            cloneRoot(def);
            return;
        }
        CachedImage image = images.fetch(def.imageId());
        DiskFormat source = GuestLayout.imageFormat(image.format(), platform.driverName());
        String root = GuestLayout.rootDisk(def.uuid());
        helper.call(new DiskConvert(image.path().toString(), source, root, format));
        if (def.rootGb() > 0) {
            helper.call(new DiskResize(root, format, def.rootGb() * GuestLayout.GIB));
        }
    }

    /**
     * disk_create with cloneOf: {@code zfs snapshot BASE@apiary-clone-NAME} + {@code zfs clone} on the helper's
     * side. A base destroyed behind the driver's back (the helper answers that it does not exist) is written
     * again, once.
     */
    private void cloneRoot(GuestDefinition def) {
        String root = placed(GuestLayout.rootDisk(def.uuid()));
        String base = BaseVolumes.volume(def.imageId());
        long baseBytes = bases.ensure(def.imageId());
        try {
            helper.call(new DiskCreate(root, format, baseBytes, base));
        } catch (HelperException e) {
            String gone = base.substring("zvol/".length()) + " does not exist";
            if (e.code() != ErrorCode.CONFLICT || e.getMessage() == null || !e.getMessage().endsWith(gone)) {
                throw e;
            }
            LOG.warn("base volume {} is gone (destroyed outside the driver); writing it again", base);
            bases.forget(def.imageId());
            baseBytes = bases.ensure(def.imageId());
            helper.call(new DiskCreate(root, format, baseBytes, base));
        }
        if (def.rootGb() > 0) {
            helper.call(new DiskResize(root, format, def.rootGb() * GuestLayout.GIB));
        }
    }

    /** A blank disk of sizeBytes at path (0: none). */
    void makeBlank(String path, long sizeBytes) {
        if (sizeBytes > 0) {
            helper.call(new DiskCreate(placed(path), format, sizeBytes, null));
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
        helper.call(new DiskResize(placed(path), format, newBytes));
    }

    /**
     * Removes each path that exists (disk_delete of a missing file changes nothing). With ZFS volumes both a
     * disk's volume and its file are removed: a guest made before the dataset was configured leaves nothing.
     * A clone's disk_delete also destroys its origin snapshot; the base volume stays.
     */
    void remove(List<String> paths) {
        for (String p : everyPlace(paths)) {
            helper.call(new DiskDelete(p));
        }
    }

    /** Like {@link #remove}, but only logs failures: cleanup after another failure must not hide it. */
    void removeQuietly(List<String> paths) {
        for (String p : everyPlace(paths)) {
            try {
                helper.call(new DiskDelete(p));
            } catch (RuntimeException e) {
                LOG.warn("cannot remove disk {}: {}", p, e.getMessage());
            }
        }
    }

    private List<String> everyPlace(List<String> paths) {
        if (!zfsVolumes.getAsBoolean()) {
            return paths;
        }
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String v = volumeOf(p);
            if (!v.equals(p)) {
                out.add(v);
            }
            out.add(p);
        }
        return out;
    }
}
