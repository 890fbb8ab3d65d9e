package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Removes one of our interfaces from our bridge owned by owner. */
public record BridgeRemoveMember(String bridge, String member, String owner) implements Op {
    public static BridgeRemoveMember parse(Args a) {
        BridgeRemoveMember op = new BridgeRemoveMember(Check.ifname(a, "bridge", Check.BRIDGE),
                Check.ifname(a, "member", Check.TAP, Check.VETH, Check.VLAN, Check.VXLAN), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
