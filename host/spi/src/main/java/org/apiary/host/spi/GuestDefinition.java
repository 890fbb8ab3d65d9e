package org.apiary.host.spi;

import java.util.List;
import java.util.Map;

/**
 * Everything a driver needs to create or change one guest.
 *
 * @param imageProperties the image's properties (hw_*, os_*), for drivers that honour them
 * @param swapMb          size of the swap disk, 0 for none
 */
public record GuestDefinition(String uuid, String name, String hostname, String projectId, int vcpus, int memoryMb,
                              int rootGb, int ephemeralGb, int swapMb, String imageId,
                              Map<String, String> imageProperties, List<GuestNic> nics, GuestBootData bootData) {
    public GuestDefinition {
        if (uuid == null || uuid.isBlank()) {
            throw new IllegalArgumentException("a guest needs a uuid");
        }
        if (vcpus < 1 || memoryMb < 1) {
            throw new IllegalArgumentException("guest " + uuid + " needs at least 1 vcpu and 1 MiB (got " + vcpus
                    + " vcpus, " + memoryMb + " MiB)");
        }
        if (rootGb < 0 || ephemeralGb < 0 || swapMb < 0) {
            throw new IllegalArgumentException("guest " + uuid + ": disk sizes must not be negative");
        }
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
        nics = nics == null ? List.of() : List.copyOf(nics);
        bootData = bootData == null ? GuestBootData.NONE : bootData;
    }
}
