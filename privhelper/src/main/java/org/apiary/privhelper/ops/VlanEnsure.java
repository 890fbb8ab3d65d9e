package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** An 802.1Q interface on an operator-listed physical parent (the parent itself is never modified). */
public record VlanEnsure(String name, String parent, int vlanId, String owner) implements Op {
    public static VlanEnsure parse(Args a) {
        VlanEnsure op = new VlanEnsure(Check.ifname(a, "name", Check.VLAN), Check.physical(a, "parent"),
                (int) a.integer("vlanId", 1, 4094), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
