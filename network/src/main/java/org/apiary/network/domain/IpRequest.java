package org.apiary.network.domain;

import java.util.List;

/** What a port asks IPAM for: one exact address, or any free address of the first subnet that has one. */
public sealed interface IpRequest {
    record Exact(Subnet subnet, String ipAddress) implements IpRequest {}

    record AnyOf(List<Subnet> subnets) implements IpRequest {
        public AnyOf {
            subnets = List.copyOf(subnets);
        }
    }
}
