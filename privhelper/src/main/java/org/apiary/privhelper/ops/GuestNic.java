package org.apiary.privhelper.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.privhelper.protocol.Args;

/** One guest NIC: a tap we created and tagged (apt-…) and the port's MAC. */
public record GuestNic(String tap, Mac mac) {
    static GuestNic parse(JsonNode node, String context) {
        Args a = Args.nested(node, context);
        GuestNic n = new GuestNic(Check.ifname(a, "tap", Check.TAP), Mac.parse(a.string("mac", 32)));
        a.done();
        return n;
    }
}
