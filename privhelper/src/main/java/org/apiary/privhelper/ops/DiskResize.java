package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Grows a disk to sizeBytes; shrinking is refused (it would cut a guest's file system). */
public record DiskResize(String path, DiskFormat format, long sizeBytes) implements Op {
    public static DiskResize parse(Args a) {
        DiskResize op = new DiskResize(Check.diskPath(a, "path"), Check.oneOf(a, "format", DiskFormat.class),
                Check.diskSize(a, "sizeBytes"));
        a.done();
        return op;
    }
}
