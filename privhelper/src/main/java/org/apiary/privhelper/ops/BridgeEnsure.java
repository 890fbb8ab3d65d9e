package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Creates the bridge tagged apiary:owner and brings it up; a no-op if it already exists with that tag. */
public record BridgeEnsure(String name, String owner) implements Op {
    public static BridgeEnsure parse(Args a) {
        BridgeEnsure op = new BridgeEnsure(Check.ifname(a, "name", Check.BRIDGE), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
