package org.apiary.host.spi;

import java.nio.file.Path;

/**
 * A copy of a guest's root disk that a driver wrote for createImage: a local file the agent uploads to the
 * image service and then hands back to {@link Hypervisor#removeSnapshot}.
 *
 * @param path       the file (under the driver's disk root)
 * @param diskFormat its Glance disk_format ({@code qcow2} for the QEMU and bhyve drivers)
 * @param sizeBytes  its size
 */
public record SnapshotFile(Path path, String diskFormat, long sizeBytes) {
    public SnapshotFile {
        if (path == null || diskFormat == null || diskFormat.isBlank() || sizeBytes < 0) {
            throw new IllegalArgumentException("a snapshot file needs a path, a disk format and a size");
        }
    }
}
