package org.apiary.host.linux;

import java.nio.file.Path;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.ConfigDriveContent;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.ConfigDriveCreate;

/**
 * Config drives made by the privileged helper ({@code configdrive_create}: genisoimage on Linux,
 * makefs on FreeBSD) from the guest's Nova-format files, at {@code <uuid>/disk.config} under the disk root (the relative path the helper's ops take).
 */
public final class HelperConfigDrives implements ConfigDriveBuilder {
    private final PrivilegedHelper helper;

    public HelperConfigDrives(PrivilegedHelper helper) {
        this.helper = helper;
    }

    @Override
    public Path build(GuestDefinition guest) {
        String path = GuestLayout.configDrive(guest.uuid());
        helper.call(new ConfigDriveCreate(path, ConfigDriveContent.files(guest)));
        return Path.of(path);
    }
}
