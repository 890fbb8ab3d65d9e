package org.apiary.privhelper.host;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the operator configured for the helper's host side.
 *
 * @param stateRoot directory under which the helper keeps dnsmasq files, one subdirectory per network
 * @param physicalInterfaces host interfaces that may be a VLAN parent or VXLAN underlay device (never modified)
 * @param diskRoot the only tree disk operations and guest disks may use
 * @param guestRoot per-guest helper state (console socket and log, QMP socket, UEFI vars, last exit)
 * @param zfsDataset FreeBSD: dataset under which "zvol/NAME" disks are ZFS volumes; null = files only
 * @param agentGroup group given read/write access to consoles (the helper socket's group); null = none
 */
public record HelperSettings(Path stateRoot, Set<String> physicalInterfaces, Path diskRoot, Path guestRoot,
        String zfsDataset, String agentGroup) {
    public HelperSettings {
        physicalInterfaces = Set.copyOf(physicalInterfaces);
        if (zfsDataset != null && zfsDataset.isBlank()) {
            zfsDataset = null;
        }
    }

    /** Network-only settings (tests): disks and guests in subdirectories of the state root. */
    public HelperSettings(Path stateRoot, Set<String> physicalInterfaces) {
        this(stateRoot, physicalInterfaces, stateRoot.resolve("disks"), stateRoot.resolve("guests"), null, null);
    }
}
