package org.apiary.host.freebsd;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiary.host.linux.GuestPlatform;
import org.apiary.host.linux.HelperGuests;
import org.apiary.host.linux.HelperHypervisor;
import org.apiary.host.linux.QemuSettings;
import org.apiary.host.spi.ComputeTraits;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestSpec;

/**
 * The bhyve driver (type {@code bhyve}): every guest is a bhyve(8) process the privileged helper starts as its
 * child, with an nmdm(4) console, and removes from /dev/vmm with {@code bhyvectl --destroy} after every exit.
 * Guests are supervised by host/linux's {@link HelperGuests}, which the QEMU driver uses too (disks, kept specs,
 * restarts); this class adds what is bhyve's:
 * <ul>
 *   <li>raw disks: a qcow2 image is converted to raw once per host and kept in the image cache
 *       ({@link RawImageCache}); each guest's root disk is a copy of the raw image (disk_convert raw → raw) grown
 *       with disk_resize (truncate(1) on the helper's side); ephemeral and swap are sparse raw files. When the
 *       helper has a ZFS dataset (host_facts {@code zfsDataset}), each image is instead written once into a base
 *       volume and root disks are clones of it, the other disks volumes (host/linux's GuestDisks);</li>
 *   <li>the boot mode ({@link #boot}): UEFI (edk2-bhyve, a per-guest copy of the variable store) unless the
 *       image is FreeBSD and does not ask for UEFI, which bhyveload(8) boots;</li>
 *   <li>exits per bhyve(8) EXIT STATUS, as the helper reports them: 0 reboot (the driver starts the guest
 *       again), 1 poweroff and 2 halt (stopped), 3 triple fault and 4 error (CRASHED);</li>
 *   <li>its version (the FreeBSD release: bhyve is part of base) and traits (raw images);</li>
 *   <li>the console: bhyve writes the serial port to the nmdm(4) pair only, so the agent holds its B side open
 *       (host/linux's {@code DeviceConsole}), logs it for console output and relays it to the console proxy.</li>
 * </ul>
 * It runs no command itself (design §2 rule 6). Proven on the FreeBSD host simulator only (see
 * docs/hypervisors.md).
 */
public final class BhyveHypervisor extends HelperHypervisor {
    public static final String TYPE = "bhyve";
    /**
     * Reported when the helper's host_facts does not name the FreeBSD release: 13.0.0, the first release whose
     * bhyve takes a UEFI variable store ({@code -l bootrom,romfile,varfile}), which the helper passes.
     */
    public static final long DEFAULT_VERSION = Hypervisor.encodeVersion(13, 0, 0);
    static final GuestPlatform PLATFORM = new GuestPlatform(TYPE, DiskFormat.RAW, BhyveHypervisor::boot, false);

    /**
     * @param settings     the same directories and timeouts as the qemu driver ({@code [helper] disk_root},
     *                     {@code guest_state_dir}, {@code [compute] state_dir}, {@code wait_soft_reboot_seconds})
     * @param images       the host's image cache; qcow2 images are converted to raw in it once ({@link RawImageCache})
     * @param configDrives makes each guest's config drive; null: guests get none (no metadata reaches them)
     */
    public BhyveHypervisor(PrivilegedHelper helper, ImageSource images, ConfigDriveBuilder configDrives,
            QemuSettings settings) {
        super(helper, new RawImageCache(helper, images), configDrives, settings, PLATFORM);
    }

    /**
     * bhyveload(8) for FreeBSD images ({@code os_type} or Glance's {@code os_distro} = {@code freebsd}) unless
     * {@code hw_firmware_type} is {@code uefi}; UEFI for everything else (bhyve has no BIOS).
     */
    static GuestSpec.Boot boot(GuestDefinition def) {
        Map<String, String> p = def.imageProperties();
        boolean freebsd = is(p, "os_type", "freebsd") || is(p, "os_distro", "freebsd");
        return freebsd && !is(p, "hw_firmware_type", "uefi") ? GuestSpec.Boot.BHYVELOAD : GuestSpec.Boot.UEFI;
    }

    private static boolean is(Map<String, String> properties, String key, String value) {
        String v = properties.get(key);
        return v != null && v.strip().toLowerCase(Locale.ROOT).equals(value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The FreeBSD release in host_facts' {@code kernel} ("14.1-RELEASE-p5" → 14.1.0). */
    @Override
    public long version() {
        return guests.factVersion("kernel").orElse(DEFAULT_VERSION);
    }

    /** Raw images, and qcow2 ones: those are converted to raw once per host (qemu-img from ports). */
    @Override
    public Set<String> capabilities() {
        return Set.of(ComputeTraits.IMAGE_TYPE_RAW, ComputeTraits.IMAGE_TYPE_QCOW2);
    }
}
