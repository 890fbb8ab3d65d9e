package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

public record VlanDelete(String name, String owner) implements Op {
    public static VlanDelete parse(Args a) {
        VlanDelete op = new VlanDelete(Check.ifname(a, "name", Check.VLAN), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
