package org.apiary.agent;

import java.util.Set;
import org.apiary.privhelper.ops.DhcpConfig;
import org.apiary.privhelper.ops.Op;
import org.apiary.privhelper.ops.Cidr;

/**
 * What the agent last asked the helper to make of one network: its bridge, its segment (a
 * VlanEnsure or VxlanEnsure, or null), and when it serves DHCP, the domain's addresses and the
 * dnsmasq configuration. {@code settled} is false while the ops may be half applied (a failure,
 * or objects found at start whose details are unknown): the next pass then re-applies everything
 * (every ensure op is idempotent) and restarts dnsmasq rather than trusting a reload.
 */
record Realization(String networkId, String bridge, Op segment, Set<Cidr> domainAddresses, DhcpConfig dhcp,
                   boolean settled) {
    Realization {
        domainAddresses = Set.copyOf(domainAddresses);
    }

    /** Found on the host at start (bridge, domain or dnsmasq), contents unknown. */
    static Realization found(String networkId, boolean withDhcp) {
        return new Realization(networkId, InterfaceNames.bridge(networkId), null, Set.of(), null, false)
                .withFoundDhcp(withDhcp);
    }

    private Realization withFoundDhcp(boolean withDhcp) {
        return withDhcp ? new Realization(networkId, bridge, segment, domainAddresses, FOUND_DHCP, false) : this;
    }

    Realization unsettled() {
        return new Realization(networkId, bridge, segment, domainAddresses, dhcp, false);
    }

    boolean servesDhcp() {
        return dhcp != null;
    }

    /** A placeholder meaning "a dnsmasq and domain may exist; their configuration is unknown". */
    static final DhcpConfig FOUND_DHCP = new DhcpConfig("00000000-0000-0000-0000-000000000000", "apv-unknown",
            java.util.List.of(), java.util.List.of(), 120, 0);
}
