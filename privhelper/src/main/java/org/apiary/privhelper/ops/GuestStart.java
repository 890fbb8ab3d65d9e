package org.apiary.privhelper.ops;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.apiary.privhelper.protocol.Args;

/** Starts the guest as a child process of the helper, which records its exit for guest_status. */
public record GuestStart(@JsonUnwrapped GuestSpec spec) implements Op {
    public static GuestStart parse(Args a) {
        return new GuestStart(GuestSpec.parse(a));
    }
}
