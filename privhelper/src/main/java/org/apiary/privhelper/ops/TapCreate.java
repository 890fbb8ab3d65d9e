package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Creates a tap for a guest port, tagged apiary:owner (the port id), and brings it up. */
public record TapCreate(String name, String owner) implements Op {
    public static TapCreate parse(Args a) {
        TapCreate op = new TapCreate(Check.ifname(a, "name", Check.TAP), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
