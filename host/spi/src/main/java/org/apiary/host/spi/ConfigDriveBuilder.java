package org.apiary.host.spi;

import java.nio.file.Path;

/**
 * Makes a guest's config drive: an ISO 9660 image labelled {@code config-2} holding
 * {@code openstack/latest/meta_data.json}, {@code user_data} and {@code network_data.json}, which
 * cloud-init and cloudbase-init read at first boot.
 */
public interface ConfigDriveBuilder {
    /**
     * Writes the guest's config drive and answers its path under the helper's disk root. The path should be
     * {@code <uuid>/disk.config} (Nova's name), so a driver can remove it even after it lost its own state;
     * building again for the same guest replaces the file.
     */
    Path build(GuestDefinition guest);
}
