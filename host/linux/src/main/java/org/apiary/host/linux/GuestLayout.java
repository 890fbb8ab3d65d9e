package org.apiary.host.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestDisk;
import org.apiary.privhelper.ops.GuestNic;
import org.apiary.privhelper.ops.GuestSpec;
import org.apiary.privhelper.ops.Mac;

/**
 * Where a guest's pieces are, by name only: its disks under the helper's disk root (Nova's instance
 * directory names: {@code <uuid>/disk}, {@code disk.local}, {@code disk.swap}, {@code disk.config}) and the
 * taps of its ports. Fixed names let the driver find and remove everything of a guest from its uuid alone,
 * also after the agent restarted.
 */
final class GuestLayout {
    static final long MIB = 1L << 20, GIB = 1L << 30;

    private GuestLayout() {}

    static String rootDisk(String uuid) {
        return uuid + "/disk";
    }

    static String ephemeralDisk(String uuid) {
        return uuid + "/disk.local";
    }

    static String swapDisk(String uuid) {
        return uuid + "/disk.swap";
    }

    static String configDrive(String uuid) {
        return uuid + "/disk.config";
    }

    /** Every file a guest may have under the disk root, in the order a destroy removes them. */
    static List<String> allDisks(String uuid) {
        return List.of(rootDisk(uuid), ephemeralDisk(uuid), swapDisk(uuid), configDrive(uuid));
    }

    /**
     * The tap the network agent made for a bound port: "apt-" + the first 11 hex digits of the port id. The
     * same one-line rule as agent/InterfaceNames.tap, repeated here because a driver must not depend on the
     * agent module; the two must stay equal (the hypervisor attaches to the tap the network agent created).
     */
    static String tap(String portId) {
        String h = portId.replace("-", "").toLowerCase(Locale.ROOT);
        if (h.length() < 11) {
            throw new IllegalArgumentException("port id '" + portId + "' is not a UUID");
        }
        return "apt-" + h.substring(0, 11);
    }

    /**
     * The helper's guest spec for a definition: its disks (those with a size, in the platform's format), its
     * ports' taps, the cdrom, the platform's boot mode.
     */
    static GuestSpec spec(GuestDefinition def, String cdrom, GuestPlatform platform) {
        return spec(def, def.ephemeralGb() > 0, def.swapMb() > 0, cdrom, platform);
    }

    /** The same with the disks the guest has (a resize keeps disks a smaller flavor has no size for). */
    static GuestSpec spec(GuestDefinition def, boolean ephemeral, boolean swap, String cdrom, GuestPlatform platform) {
        DiskFormat format = platform.diskFormat();
        List<GuestDisk> disks = new ArrayList<>();
        disks.add(new GuestDisk(rootDisk(def.uuid()), format));
        if (ephemeral) {
            disks.add(new GuestDisk(ephemeralDisk(def.uuid()), format));
        }
        if (swap) {
            disks.add(new GuestDisk(swapDisk(def.uuid()), format));
        }
        List<GuestNic> nics = def.nics().stream().map(n -> new GuestNic(tap(n.portId()), Mac.parse(n.macAddress())))
                .toList();
        return new GuestSpec(def.uuid(), def.vcpus(), def.memoryMb(), disks, nics, cdrom, platform.boot().apply(def));
    }

    /**
     * The Glance disk formats a root disk is converted from (raw, qcow2: qemu-img convert reads both); anything
     * else is refused. Which of them a driver claims as traits is the driver's choice.
     */
    static DiskFormat imageFormat(String glanceFormat, String driverName) {
        return switch (glanceFormat) {
            case "raw" -> DiskFormat.RAW;
            case "qcow2" -> DiskFormat.QCOW2;
            default -> throw new IllegalArgumentException("images of disk format '" + glanceFormat
                    + "' cannot be booted by the " + driverName + " driver (raw and qcow2 can)");
        };
    }
}
