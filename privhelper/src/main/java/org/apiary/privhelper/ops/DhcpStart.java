package org.apiary.privhelper.ops;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.apiary.privhelper.protocol.Args;

/** Writes the network's dnsmasq files and starts dnsmasq inside its isolation domain. */
public record DhcpStart(@JsonUnwrapped DhcpConfig config) implements Op {
    public static DhcpStart parse(Args a) {
        return new DhcpStart(DhcpConfig.parse(a));
    }
}
