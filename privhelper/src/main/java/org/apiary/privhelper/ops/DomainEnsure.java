package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * An isolation domain for one network's DHCP server, named apiary-&lt;owner&gt;: on Linux a network
 * namespace and a veth pair, on FreeBSD a persistent VNET jail and an epair. The outside end stays
 * on the host (to be added to the network's bridge); the inside end is moved into the domain.
 */
public record DomainEnsure(String owner, String outside, String inside) implements Op {
    public static DomainEnsure parse(Args a) {
        DomainEnsure op = new DomainEnsure(Check.uuid(a, "owner"), Check.ifname(a, "outside", Check.VETH),
                Check.ifname(a, "inside", Check.VETH));
        a.done();
        if (op.outside.equals(op.inside)) {
            throw HelperException.invalid("outside and inside must differ");
        }
        return op;
    }
}
