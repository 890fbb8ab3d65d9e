package org.apiary.host.linux;

import java.time.Duration;
import java.util.Set;
import org.apiary.host.spi.ComputeTraits;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.DiskFormat;

/**
 * The QEMU driver (type {@code QEMU}): every guest is a QEMU process the privileged helper starts as its
 * child (KVM when the host has /dev/kvm, else TCG). Guests are supervised by {@link HelperGuests} (disks,
 * kept specs, restarts after in-guest reboots; the helper runs QEMU with -no-reboot, so a reboot ends the
 * process); this class adds what is QEMU's: qcow2 guest disks, QEMU's default firmware, its version and
 * traits. It runs no command itself (design §2 rule 6).
 */
public final class QemuHypervisor extends HelperHypervisor {
    /** How long a start waits for the network agent to create a port's tap. */
    static final Duration TAP_WAIT = HelperGuests.TAP_WAIT;

    public static final String TYPE = "QEMU";
    /**
     * Reported when the helper's host_facts does not say which QEMU runs (it names binaries, not versions):
     * 7.2.0, the QEMU of Debian 12, the platform the helper is tested on.
     */
    public static final long DEFAULT_VERSION = Hypervisor.encodeVersion(7, 2, 0);
    static final int RESTART_BUDGET = HelperGuests.RESTART_BUDGET;
    static final Duration RESTART_WINDOW = HelperGuests.RESTART_WINDOW;
    /** qcow2 disks (sparse, what QEMU reads natively); QEMU's default firmware (the spec names no boot); live snapshots. */
    static final GuestPlatform PLATFORM = new GuestPlatform(TYPE, DiskFormat.QCOW2, def -> null, true);

    /**
     * @param configDrives makes each guest's config drive; null: guests get none (no metadata reaches them)
     */
    public QemuHypervisor(PrivilegedHelper helper, ImageSource images, ConfigDriveBuilder configDrives,
            QemuSettings settings) {
        super(helper, images, configDrives, settings, PLATFORM);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long version() {
        return guests.factVersion("qemuVersion").orElse(DEFAULT_VERSION);
    }

    /** Raw and qcow2 images: the root disk is a qcow2 copy made by qemu-img convert from either. */
    @Override
    public Set<String> capabilities() {
        return Set.of(ComputeTraits.IMAGE_TYPE_RAW, ComputeTraits.IMAGE_TYPE_QCOW2);
    }
}
