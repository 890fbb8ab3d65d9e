package org.apiary.compute.domain;

import java.util.Map;

/**
 * A flavor as Nova stores it. {@code flavorId} is the public id (any string); {@code id} the
 * internal integer that access grants and extra specs hang on.
 */
public record Flavor(long id, String flavorId, String name, int memoryMb, int vcpus, int rootGb, int ephemeralGb,
                     int swap, double rxtxFactor, boolean isPublic, boolean disabled, String description,
                     Map<String, String> extraSpecs, long createdAt) {
    public Flavor {
        extraSpecs = Map.copyOf(extraSpecs);
    }

    public Flavor withExtraSpecs(Map<String, String> specs) {
        return new Flavor(id, flavorId, name, memoryMb, vcpus, rootGb, ephemeralGb, swap, rxtxFactor, isPublic,
                disabled, description, specs, createdAt);
    }
}
