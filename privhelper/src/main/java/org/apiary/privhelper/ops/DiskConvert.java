package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/** qemu-img convert with both formats given explicitly (-f, -O): qcow2/vmdk/raw → raw or qcow2. */
public record DiskConvert(String source, DiskFormat sourceFormat, String target, DiskFormat targetFormat)
        implements Op {
    public static DiskConvert parse(Args a) {
        DiskConvert op = new DiskConvert(Check.diskPath(a, "source"), Check.oneOf(a, "sourceFormat", DiskFormat.class),
                Check.diskPath(a, "target"), Check.oneOf(a, "targetFormat", DiskFormat.class));
        a.done();
        if (op.targetFormat == DiskFormat.VMDK) {
            throw HelperException.invalid("targetFormat must be raw or qcow2");
        }
        if (op.source.equals(op.target)) {
            throw HelperException.invalid("source and target must differ");
        }
        return op;
    }
}
