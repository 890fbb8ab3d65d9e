package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** The status of every guest the helper knows (running children and recorded exits). */
public record GuestList() implements Op {
    public static GuestList parse(Args a) {
        a.done();
        return new GuestList();
    }
}
