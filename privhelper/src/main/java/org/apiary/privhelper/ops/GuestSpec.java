package org.apiary.privhelper.ops;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * What a guest is made of. The console (serial log + UNIX socket on Linux, nmdm(4) on FreeBSD) and
 * every other helper-side path are chosen by the helper under its guest state directory, never by
 * the peer.
 *
 * @param name the instance UUID; also the VM name and the owner of the guest's helper state
 * @param boot null = the platform default (Linux: QEMU's default firmware; FreeBSD: uefi)
 */
public record GuestSpec(String name, int vcpus, int memoryMb, List<GuestDisk> disks, List<GuestNic> nics,
        String cdrom, Boot boot) {
    public static final int MAX_DISKS = 8, MAX_NICS = 8;

    public enum Boot {
        /** Linux: QEMU's default firmware (SeaBIOS). */
        FIRMWARE,
        /** FreeBSD: edk2-bhyve with a per-guest copy of the UEFI variable store. */
        UEFI,
        /** FreeBSD: bhyveload(8) loads the FreeBSD kernel from the first disk. */
        BHYVELOAD;

        /** The wire form, lower case, as {@link Check#oneOf} parses it (like {@link DiskFormat#wire()}). */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static GuestSpec parse(Args a) {
        String name = Check.uuid(a, "name");
        int vcpus = (int) a.integer("vcpus", 1, 64);
        int memory = (int) a.integer("memoryMb", 64, 1_048_576);
        List<GuestDisk> disks = a.list("disks", MAX_DISKS, n -> GuestDisk.parse(n, "disks[]"));
        List<GuestNic> nics = a.list("nics", MAX_NICS, n -> GuestNic.parse(n, "nics[]"));
        String cdrom = a.has("cdrom") ? Check.diskPath(a, "cdrom") : null;
        Boot boot = a.has("boot") ? Check.oneOf(a, "boot", Boot.class) : null;
        a.done();
        Set<String> seen = new HashSet<>();
        for (GuestNic n : nics) {
            if (!seen.add(n.tap()) || !seen.add(n.mac().toString())) {
                throw HelperException.invalid("nic " + n.tap() + "/" + n.mac() + " is listed twice");
            }
        }
        for (GuestDisk d : disks) {
            if (!seen.add(d.path())) {
                throw HelperException.invalid("disk " + d.path() + " is listed twice");
            }
        }
        if (boot == Boot.BHYVELOAD && disks.isEmpty()) {
            throw HelperException.invalid("boot bhyveload needs a disk to load the kernel from");
        }
        return new GuestSpec(name, vcpus, memory, List.copyOf(disks), List.copyOf(nics), cdrom, boot);
    }
}
