package org.apiary.compute.rpc;

import java.util.List;

/** One network interface of a guest: a Neutron port the agent plugs (tap named after the port id). */
public record GuestPort(String portId, String networkId, String macAddress, int mtu, List<String> fixedIps) {
    public GuestPort {
        fixedIps = List.copyOf(fixedIps);
    }
}
