package org.apiary.privhelper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * One security-group style allow rule. Direction is from the guest's point of view (ingress =
 * traffic to the guest). Ports only with tcp/udp; a missing remote means any address.
 */
public record FirewallRule(Direction direction, Family family, Protocol protocol, Integer portMin, Integer portMax,
        Cidr remote) {
    public enum Direction {
        INGRESS, EGRESS;

        /** The wire form, lower case, as Check.oneOf parses it. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
    public enum Family {
        IPV4, IPV6;

        /** The wire form, lower case, as Check.oneOf parses it. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
    public enum Protocol {
        ANY, TCP, UDP, ICMP;

        /** The wire form, lower case, as Check.oneOf parses it. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static FirewallRule parse(JsonNode node, String context) {
        Args a = Args.nested(node, context);
        Direction d = Check.oneOf(a, "direction", Direction.class);
        Family f = Check.oneOf(a, "family", Family.class);
        Protocol p = Check.oneOf(a, "protocol", Protocol.class);
        Integer min = a.has("portMin") ? (int) a.integer("portMin", 1, 65535) : null;
        Integer max = a.has("portMax") ? (int) a.integer("portMax", 1, 65535) : null;
        Cidr remote = a.has("remote") ? Cidr.parse(a.string("remote", 64)) : null;
        a.done();
        if ((min == null) != (max == null) || (min != null && min > max)) {
            throw HelperException.invalid(context + ": portMin and portMax go together, with portMin <= portMax");
        }
        if (min != null && p != Protocol.TCP && p != Protocol.UDP) {
            throw HelperException.invalid(context + ": ports need protocol tcp or udp");
        }
        if (remote != null && remote.address().isV4() != (f == Family.IPV4)) {
            throw HelperException.invalid(context + ": remote " + remote + " does not match family");
        }
        if (remote != null && !remote.network().equals(remote.address())) {
            throw HelperException.invalid(context + ": remote " + remote + " has host bits set");
        }
        return new FirewallRule(d, f, p, min, max, remote);
    }
}
