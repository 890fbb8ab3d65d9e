package org.apiary.host.spi;

import java.util.Map;

/**
 * What the guest reads at first boot, from the config drive or the metadata service.
 *
 * @param userData    base64 as given to the API, or null
 * @param keyData     the public key of the server's keypair, or null
 * @param metadata    the server's metadata (meta_data.json "meta")
 * @param configDrive whether the driver attaches a config drive (ISO labelled {@code config-2})
 */
public record GuestBootData(String keyName, String keyData, String userData, Map<String, String> metadata,
                            boolean configDrive, String availabilityZone, int launchIndex) {
    public static final GuestBootData NONE = new GuestBootData(null, null, null, Map.of(), false, null, 0);

    public GuestBootData {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
