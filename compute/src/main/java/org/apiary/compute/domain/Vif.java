package org.apiary.compute.domain;

import java.util.List;

/**
 * A server's network interface as the API shows it (addresses, os-interface) and the host plugs it:
 * Nova's network_info cache entry.
 *
 * @param createdByCompute true when the conductor created the port (it deletes it with the server);
 *                         false for a port the user passed in (it is only unbound)
 */
public record Vif(String portId, String networkId, String networkName, String macAddress, int mtu,
                  List<Ip> ips, boolean createdByCompute, String tag) {
    public Vif {
        ips = List.copyOf(ips);
    }

    /** @param version 4 or 6 */
    public record Ip(String address, int version, String subnetId) {}
}
