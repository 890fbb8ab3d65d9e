package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/** Adds a route inside the domain: destination CIDR (0.0.0.0/0 for default) via a gateway. */
public record DomainRouteAdd(String owner, Cidr destination, IpAddress via) implements Op {
    public static DomainRouteAdd parse(Args a) {
        DomainRouteAdd op = new DomainRouteAdd(Check.uuid(a, "owner"), Cidr.parse(a.string("destination", 64)),
                IpAddress.parse(a.string("via", 64)));
        a.done();
        if (op.destination.address().isV4() != op.via.isV4()) {
            throw HelperException.invalid("destination and via must be the same address family");
        }
        if (!op.destination.network().equals(op.destination.address())) {
            throw HelperException.invalid("destination " + op.destination + " has host bits set");
        }
        return op;
    }
}
