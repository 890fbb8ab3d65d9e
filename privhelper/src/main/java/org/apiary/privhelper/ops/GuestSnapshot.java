package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * A qcow2 copy of one of a guest's disks, for createImage: {@code disk} (read as {@code format}) is converted
 * with qemu-img(1) into the new file {@code target}, which the agent group may then read (to upload it) and
 * remove with disk_delete. QEMU pauses a running guest around the copy (QMP stop/cont); bhyve cannot pause,
 * so on FreeBSD the guest must be stopped first.
 *
 * <p>The disk must lie in the guest's own directory ({@code <name>/…}), or be one of its ZFS volumes
 * ({@code zvol/<name>-…}), and the target in {@link #DIRECTORY}:
 * the op grants read access to what it writes, so it must not become a way to read another guest's disk or
 * to expose a file the agent could not read before.
 */
public record GuestSnapshot(String name, String disk, DiskFormat format, String target) implements Op {
    /** Where snapshot files go, under the disk root. */
    public static final String DIRECTORY = "snapshots";
    /** A guest's disks on ZFS volumes (FreeBSD with a dataset) are named {@code zvol/<name>-…}. */
    private static final String ZVOL = "zvol/";

    public static GuestSnapshot parse(Args a) {
        GuestSnapshot op = new GuestSnapshot(Check.uuid(a, "name"), Check.diskPath(a, "disk"),
                Check.oneOf(a, "format", DiskFormat.class), Check.diskPath(a, "target"));
        a.done();
        if (op.format == DiskFormat.VMDK) {
            throw HelperException.invalid("format must be raw or qcow2 (the formats guest disks have)");
        }
        if (!op.disk.startsWith(op.name + "/") && !op.disk.startsWith(ZVOL + op.name + "-")) {
            throw HelperException.invalid("disk must be one of the guest's own disks (" + op.name + "/... or "
                    + ZVOL + op.name + "-...)");
        }
        if (!op.target.startsWith(DIRECTORY + "/") || op.target.indexOf('/', DIRECTORY.length() + 1) >= 0) {
            throw HelperException.invalid("target must be a file directly in " + DIRECTORY + "/ of the disk root");
        }
        return op;
    }
}
