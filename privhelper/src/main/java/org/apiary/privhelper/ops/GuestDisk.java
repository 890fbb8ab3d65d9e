package org.apiary.privhelper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/** One guest disk: a path under the disk root and its format (raw or qcow2; raw only on FreeBSD). */
public record GuestDisk(String path, DiskFormat format) {
    static GuestDisk parse(JsonNode node, String context) {
        Args a = Args.nested(node, context);
        GuestDisk d = new GuestDisk(Check.diskPath(a, "path"), Check.oneOf(a, "format", DiskFormat.class));
        a.done();
        if (d.format == DiskFormat.VMDK) {
            throw HelperException.invalid(context + ".format vmdk cannot be attached; convert it to raw or qcow2");
        }
        return d;
    }
}
