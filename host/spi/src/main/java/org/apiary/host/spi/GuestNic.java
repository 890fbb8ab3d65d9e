package org.apiary.host.spi;

import java.util.List;

/** One network interface of a guest: the Neutron port it is plugged into (tap named after the port id). */
public record GuestNic(String portId, String networkId, String macAddress, int mtu, List<String> fixedIps) {
    public GuestNic {
        if (portId == null || portId.isBlank() || macAddress == null || macAddress.isBlank()) {
            throw new IllegalArgumentException("a NIC needs a port id and a MAC address");
        }
        if (mtu < 0) {
            throw new IllegalArgumentException("MTU " + mtu + " is negative");
        }
        fixedIps = fixedIps == null ? List.of() : List.copyOf(fixedIps);
    }
}
