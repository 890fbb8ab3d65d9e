package org.apiary.privhelper.host;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the operator configured for the helper's host side.
 *
 * @param stateRoot directory under which the helper keeps dnsmasq files, one subdirectory per network
 * @param physicalInterfaces host interfaces that may be a VLAN parent or VXLAN underlay device (never modified)
 */
public record HelperSettings(Path stateRoot, Set<String> physicalInterfaces) {
    public HelperSettings {
        physicalInterfaces = Set.copyOf(physicalInterfaces);
    }
}
