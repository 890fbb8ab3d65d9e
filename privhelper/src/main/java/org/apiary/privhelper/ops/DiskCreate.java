package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * A new empty disk under the disk root (raw or qcow2; raw only on FreeBSD), or on FreeBSD with a
 * configured dataset a ZFS volume ("zvol/NAME"), optionally a clone of another of our volumes.
 */
public record DiskCreate(String path, DiskFormat format, long sizeBytes, String cloneOf) implements Op {
    public static DiskCreate parse(Args a) {
        String path = Check.diskPath(a, "path");
        DiskFormat format = Check.oneOf(a, "format", DiskFormat.class);
        long size = Check.diskSize(a, "sizeBytes");
        String clone = a.has("cloneOf") ? Check.diskPath(a, "cloneOf") : null;
        a.done();
        if (format == DiskFormat.VMDK) {
            throw HelperException.invalid("format vmdk is accepted only as a conversion source");
        }
        return new DiskCreate(path, format, size, clone);
    }
}
