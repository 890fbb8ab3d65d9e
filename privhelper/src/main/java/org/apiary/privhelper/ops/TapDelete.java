package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Destroys our tap if it carries apiary:owner. */
public record TapDelete(String name, String owner) implements Op {
    public static TapDelete parse(Args a) {
        TapDelete op = new TapDelete(Check.ifname(a, "name", Check.TAP), Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
