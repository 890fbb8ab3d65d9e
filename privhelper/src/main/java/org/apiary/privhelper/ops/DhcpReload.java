package org.apiary.privhelper.ops;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.apiary.privhelper.protocol.Args;

/** Rewrites the files and sends SIGHUP so dnsmasq re-reads them (dnsmasq(8), SIGNALS). */
public record DhcpReload(@JsonUnwrapped DhcpConfig config) implements Op {
    public static DhcpReload parse(Args a) {
        return new DhcpReload(DhcpConfig.parse(a));
    }
}
