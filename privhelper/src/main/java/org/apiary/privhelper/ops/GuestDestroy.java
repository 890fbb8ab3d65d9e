package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Powers the guest off if it runs, removes its VM (bhyvectl --destroy) and the helper's per-guest state. */
public record GuestDestroy(String name) implements Op {
    public static GuestDestroy parse(Args a) {
        GuestDestroy op = new GuestDestroy(Check.uuid(a, "name"));
        a.done();
        return op;
    }
}
