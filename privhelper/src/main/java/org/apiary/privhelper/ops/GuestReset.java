package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Hard reset: QMP system_reset; bhyvectl --force-reset. Both exit with a reboot status (QEMU runs -no-reboot). */
public record GuestReset(String name) implements Op {
    public static GuestReset parse(Args a) {
        GuestReset op = new GuestReset(Check.uuid(a, "name"));
        a.done();
        return op;
    }
}
