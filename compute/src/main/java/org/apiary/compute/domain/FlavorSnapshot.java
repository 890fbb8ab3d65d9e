package org.apiary.compute.domain;

import java.util.Map;

/**
 * The flavor a server was built or resized with, copied into the server as Nova's
 * instance_extra.flavor, so editing or deleting the flavor later leaves running servers alone.
 */
public record FlavorSnapshot(String flavorId, String name, int vcpus, int memoryMb, int rootGb, int ephemeralGb,
                             int swap, double rxtxFactor, boolean isPublic, String description,
                             Map<String, String> extraSpecs) {
    public FlavorSnapshot {
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }

    public static FlavorSnapshot of(Flavor f) {
        return new FlavorSnapshot(f.flavorId(), f.name(), f.vcpus(), f.memoryMb(), f.rootGb(), f.ephemeralGb(),
                f.swap(), f.rxtxFactor(), f.isPublic(), f.description(), f.extraSpecs());
    }
}
