package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** running/stopped, and the last exit code with its meaning (bhyve(8) EXIT STATUS). */
public record GuestStatus(String name) implements Op {
    public static GuestStatus parse(Args a) {
        GuestStatus op = new GuestStatus(Check.uuid(a, "name"));
        a.done();
        return op;
    }
}
