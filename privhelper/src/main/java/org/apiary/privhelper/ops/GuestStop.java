package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** ACPI shutdown request: QEMU system_powerdown over QMP; bhyve SIGTERM. The guest decides; this returns at once. */
public record GuestStop(String name) implements Op {
    public static GuestStop parse(Args a) {
        GuestStop op = new GuestStop(Check.uuid(a, "name"));
        a.done();
        return op;
    }
}
