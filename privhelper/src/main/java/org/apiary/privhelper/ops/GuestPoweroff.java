package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Hard power-off: QEMU is killed; bhyvectl --force-poweroff. Waits for the process to exit. */
public record GuestPoweroff(String name) implements Op {
    public static GuestPoweroff parse(Args a) {
        GuestPoweroff op = new GuestPoweroff(Check.uuid(a, "name"));
        a.done();
        return op;
    }
}
