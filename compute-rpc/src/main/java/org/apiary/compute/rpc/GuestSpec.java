package org.apiary.compute.rpc;

import java.util.List;
import java.util.Map;

/**
 * Everything a host needs to run one guest. Built by the conductor from the server, its flavor,
 * its image and its ports.
 *
 * @param imageProperties the image's properties (hw_*, os_*), for drivers that honour them
 * @param userData        base64 as given to the API, or null
 * @param keyData         the public key of the server's keypair, or null
 * @param metadata        the server's metadata (config drive meta_data.json)
 */
public record GuestSpec(String uuid, String name, String hostname, String projectId, String userId,
                        int vcpus, int memoryMb, int rootGb, int ephemeralGb, int swapMb,
                        String imageId, Map<String, String> imageProperties, List<GuestPort> ports,
                        String keyName, String keyData, String userData, Map<String, String> metadata,
                        boolean configDrive, String availabilityZone, int launchIndex) {
    public GuestSpec {
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
        ports = List.copyOf(ports);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
