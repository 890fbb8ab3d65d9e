package org.apiary.network.domain;

import java.time.Instant;
import java.util.List;

/** A Neutron network with its one segment and standard attributes. */
public record Network(String id, String projectId, String name, String description, boolean adminStateUp,
                      boolean shared, boolean external, boolean isDefault, int mtu, boolean portSecurityEnabled,
                      String status, List<String> availabilityZoneHints, String dnsDomain, Segment segment,
                      long revision, Instant createdAt, Instant updatedAt) {
    public Network {
        availabilityZoneHints = List.copyOf(availabilityZoneHints);
    }

    public Network withRevision(long rev, Instant now) {
        return new Network(id, projectId, name, description, adminStateUp, shared, external, isDefault, mtu,
                portSecurityEnabled, status, availabilityZoneHints, dnsDomain, segment, rev, createdAt, now);
    }
}
