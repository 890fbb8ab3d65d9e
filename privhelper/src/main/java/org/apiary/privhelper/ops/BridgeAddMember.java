package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Adds one of our interfaces (tap, veth/epair, VLAN, VXLAN) to our bridge owned by owner. */
public record BridgeAddMember(String bridge, String member, String owner) implements Op {
    public static BridgeAddMember parse(Args a) {
        BridgeAddMember op = new BridgeAddMember(Check.ifname(a, "bridge", Check.BRIDGE),
                Check.ifname(a, "member", Check.TAP, Check.VETH, Check.VLAN, Check.VXLAN), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
