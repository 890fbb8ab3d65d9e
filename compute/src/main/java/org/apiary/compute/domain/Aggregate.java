package org.apiary.compute.domain;

import java.util.List;
import java.util.Map;

/**
 * A host aggregate (nova/objects/aggregate.py): a named set of compute hosts with metadata; the
 * {@code availability_zone} key names the zone of its hosts.
 */
public record Aggregate(long id, String uuid, String name, List<String> hosts, Map<String, String> metadata,
                        long createdAt, Long updatedAt) {
    public static final String ZONE_KEY = "availability_zone";

    public Aggregate {
        hosts = List.copyOf(hosts);
        metadata = Map.copyOf(metadata);
    }

    /** The zone its hosts are in, or null when it names none. */
    public String availabilityZone() {
        return metadata.get(ZONE_KEY);
    }
}
