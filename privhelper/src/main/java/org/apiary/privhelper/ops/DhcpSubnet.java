package org.apiary.privhelper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/** One subnet served statically (Neutron's mode: only hosts listed in the hosts file get leases). */
public record DhcpSubnet(String id, Cidr cidr, IpAddress gateway, List<IpAddress> dnsServers) {
    public static final int MAX_DNS = 5;

    static DhcpSubnet parse(JsonNode node, String context) {
        Args a = Args.nested(node, context);
        String id = Check.uuid(a, "id");
        Cidr cidr = Cidr.parse(a.string("cidr", 64));
        IpAddress gw = a.has("gateway") ? IpAddress.parse(a.string("gateway", 64)) : null;
        List<IpAddress> dns = a.has("dnsServers")
                ? a.list("dnsServers", MAX_DNS, v -> IpAddress.parse(Args.text(v, context + ".dnsServers[]", 64)))
                : List.of();
        a.done();
        if (!cidr.network().equals(cidr.address())) {
            throw HelperException.invalid(context + ".cidr " + cidr + " has host bits set");
        }
        if (!cidr.address().isV4() && cidr.prefix() < 64) {
            throw HelperException.invalid(context + ".cidr: IPv6 DHCP needs a prefix of /64 or longer");
        }
        if (gw != null && !cidr.contains(gw)) {
            throw HelperException.invalid(context + ".gateway " + gw + " is outside " + cidr);
        }
        return new DhcpSubnet(id, cidr, gw, List.copyOf(dns));
    }
}
