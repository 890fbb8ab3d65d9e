package org.apiary.compute.scheduler;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.external.PlacementApi;

/**
 * The Placement query of a flavor and image (nova/scheduler/utils.py resources_from_request_spec):
 * VCPU, MEMORY_MB and DISK_GB from the flavor, overridden or extended by {@code resources:*} extra
 * specs, and required/forbidden traits from {@code trait:*} extra specs and image properties.
 */
public final class FlavorResources {
    private FlavorResources() {}

    public static PlacementApi.Query query(FlavorSnapshot flavor, Map<String, String> imageProperties, String inTree) {
        Map<String, Long> resources = new LinkedHashMap<>();
        resources.put("VCPU", (long) flavor.vcpus());
        resources.put("MEMORY_MB", (long) flavor.memoryMb());
        // Swap is in MiB; Nova rounds the sum up to whole GiB.
        long disk = flavor.rootGb() + flavor.ephemeralGb() + (flavor.swap() + 1023L) / 1024;
        resources.put("DISK_GB", disk);
        Set<String> required = new HashSet<>();
        Set<String> forbidden = new HashSet<>();
        readTraits(imageProperties, required, forbidden);
        for (Map.Entry<String, String> e : flavor.extraSpecs().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("resources:")) {
                String rc = key.substring("resources:".length());
                long amount = Long.parseLong(e.getValue().strip());
                if (amount == 0) {
                    resources.remove(rc);
                } else {
                    resources.put(rc, amount);
                }
            }
        }
        // Flavor traits win over image traits, as upstream merges them.
        readTraits(flavor.extraSpecs(), required, forbidden);
        resources.values().removeIf(v -> v == 0);
        return new PlacementApi.Query(resources, required, forbidden, inTree);
    }

    private static void readTraits(Map<String, String> specs, Set<String> required, Set<String> forbidden) {
        for (Map.Entry<String, String> e : specs.entrySet()) {
            if (!e.getKey().startsWith("trait:")) {
                continue;
            }
            String trait = e.getKey().substring("trait:".length());
            switch (e.getValue().strip()) {
                case "required" -> {
                    required.add(trait);
                    forbidden.remove(trait);
                }
                case "forbidden" -> {
                    forbidden.add(trait);
                    required.remove(trait);
                }
                default -> { }
            }
        }
    }
}
