package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Removes a disk file under the disk root, or one of our ZFS volumes. */
public record DiskDelete(String path) implements Op {
    public static DiskDelete parse(Args a) {
        DiskDelete op = new DiskDelete(Check.diskPath(a, "path"));
        a.done();
        return op;
    }
}
