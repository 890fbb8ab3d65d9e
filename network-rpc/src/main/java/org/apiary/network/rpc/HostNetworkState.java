package org.apiary.network.rpc;

import java.util.List;

/** The desired network state of one host. Anything the agent finds tagged but absent here is removed. */
public record HostNetworkState(String host, List<NetworkState> networks) {
    public HostNetworkState {
        networks = List.copyOf(networks);
    }
}
