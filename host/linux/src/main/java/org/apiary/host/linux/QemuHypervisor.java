package org.apiary.host.linux;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiary.host.spi.ComputeTraits;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.HostResources;
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
public final class QemuHypervisor implements Hypervisor {
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
    /** qcow2 disks (sparse, what QEMU reads natively); QEMU's default firmware (the spec names no boot). */
    static final GuestPlatform PLATFORM = new GuestPlatform(TYPE, DiskFormat.QCOW2, def -> null);

    private final HelperGuests guests;

    /**
     * @param configDrives makes each guest's config drive; null: guests get none (no metadata reaches them)
     */
    public QemuHypervisor(PrivilegedHelper helper, ImageSource images, ConfigDriveBuilder configDrives,
            QemuSettings settings) {
        this.guests = new HelperGuests(helper, images, configDrives, settings, PLATFORM);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long version() {
        return guests.factVersion("qemuVersion").orElse(DEFAULT_VERSION);
    }

    @Override
    public HostResources resources() {
        return guests.resources();
    }

    /** Raw and qcow2 images: the root disk is a qcow2 copy made by qemu-img convert from either. */
    @Override
    public Set<String> capabilities() {
        return Set.of(ComputeTraits.IMAGE_TYPE_RAW, ComputeTraits.IMAGE_TYPE_QCOW2);
    }

    @Override
    public GuestInfo spawn(GuestDefinition def) {
        return guests.spawn(def);
    }

    @Override
    public GuestInfo reboot(String uuid, boolean hard) {
        return guests.reboot(uuid, hard);
    }

    @Override
    public GuestInfo powerOff(String uuid, Duration cleanTimeout) {
        return guests.powerOff(uuid, cleanTimeout);
    }

    @Override
    public GuestInfo powerOn(String uuid) {
        return guests.powerOn(uuid);
    }

    @Override
    public GuestInfo resize(GuestDefinition def) {
        return guests.resize(def);
    }

    @Override
    public GuestInfo rebuild(GuestDefinition def) {
        return guests.rebuild(def);
    }

    @Override
    public boolean destroy(String uuid) {
        return guests.destroy(uuid);
    }

    @Override
    public Optional<GuestInfo> status(String uuid) {
        return guests.status(uuid);
    }

    @Override
    public List<GuestInfo> list() {
        return guests.list();
    }

    @Override
    public String consoleOutput(String uuid) {
        return guests.consoleOutput(uuid);
    }

    /** Stops the background pass; guests keep running (they are the helper's children, not ours). */
    @Override
    public void close() {
        guests.close();
    }
}
