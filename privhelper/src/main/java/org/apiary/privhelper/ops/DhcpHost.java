package org.apiary.privhelper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.privhelper.protocol.Args;

/** A static lease: port MAC → fixed IP, with an optional host name. */
public record DhcpHost(Mac mac, IpAddress ip, String hostname) {
    static DhcpHost parse(JsonNode node, String context) {
        Args a = Args.nested(node, context);
        Mac mac = Mac.parse(a.string("mac", 32));
        IpAddress ip = IpAddress.parse(a.string("ip", 64));
        String host = a.has("hostname") ? Check.hostname(a.string("hostname", 63), context + ".hostname") : null;
        a.done();
        return new DhcpHost(mac, ip, host);
    }
}
