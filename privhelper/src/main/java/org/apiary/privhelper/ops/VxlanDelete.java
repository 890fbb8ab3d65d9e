package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

public record VxlanDelete(String name, String owner) implements Op {
    public static VxlanDelete parse(Args a) {
        VxlanDelete op = new VxlanDelete(Check.ifname(a, "name", Check.VXLAN), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
