package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Destroys the bridge if it carries apiary:owner; absent is success (idempotent delete). */
public record BridgeDelete(String name, String owner) implements Op {
    public static BridgeDelete parse(Args a) {
        BridgeDelete op = new BridgeDelete(Check.ifname(a, "name", Check.BRIDGE), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
