package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Stops the dnsmasq serving the domain of owner; absent is success. */
public record DhcpStop(String owner) implements Op {
    public static DhcpStop parse(Args a) {
        DhcpStop op = new DhcpStop(Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
