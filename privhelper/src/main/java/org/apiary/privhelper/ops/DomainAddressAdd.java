package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Adds an address to an interface inside the domain (idempotent) and brings it up. */
public record DomainAddressAdd(String owner, String iface, Cidr address) implements Op {
    public static DomainAddressAdd parse(Args a) {
        DomainAddressAdd op = new DomainAddressAdd(Check.uuid(a, "owner"), Check.ifname(a, "iface", Check.VETH),
                Cidr.parse(a.string("address", 64)));
        a.done();
        return op;
    }
}
