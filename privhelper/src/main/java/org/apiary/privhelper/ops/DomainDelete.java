package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Stops the domain's DHCP server, removes the domain and its interface pair. */
public record DomainDelete(String owner) implements Op {
    public static DomainDelete parse(Args a) {
        DomainDelete op = new DomainDelete(Check.uuid(a, "owner"));
        a.done();
        return op;
    }
}
