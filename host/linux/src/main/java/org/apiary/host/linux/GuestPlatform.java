package org.apiary.host.linux;

import java.util.function.Function;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestSpec;

/**
 * What differs between the drivers whose guests are the helper's guest_* operations ({@link HelperGuests}):
 * QEMU on Linux, bhyve on FreeBSD. What a guest's exit means is not among them: the helper reports exits of
 * both in bhyve(8)'s EXIT STATUS words (reboot, poweroff, halt, triple_fault, error), so one mapping
 * ({@link GuestStates}) serves both.
 *
 * @param driverName the driver's name in log lines and error messages ({@code QEMU}, {@code bhyve})
 * @param diskFormat the format of the disks the driver makes for a guest (root copy, ephemeral, swap)
 * @param boot       how a guest boots, from its definition (e.g. its image properties); a null answer leaves
 *                   it to the helper's platform default
 * @param livePause  whether the hypervisor can pause a running guest for a snapshot (QEMU); if not (bhyve), a
 *                   running guest is shut down cleanly for the copy and started again
 */
public record GuestPlatform(String driverName, DiskFormat diskFormat, Function<GuestDefinition, GuestSpec.Boot> boot,
                            boolean livePause) {
    public GuestPlatform {
        if (driverName == null || driverName.isBlank() || diskFormat == null || boot == null) {
            throw new IllegalArgumentException("a guest platform needs a driver name, a disk format and a boot rule");
        }
    }
}
