package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** The guest's console for the agent group: QEMU's serial UNIX socket and log file, or the nmdm(4) B side. */
public record ConsoleOpen(String name) implements Op {
    public static ConsoleOpen parse(Args a) {
        ConsoleOpen op = new ConsoleOpen(Check.uuid(a, "name"));
        a.done();
        return op;
    }
}
