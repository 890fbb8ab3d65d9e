package org.apiary.image.inspect;

import java.util.Set;

/**
 * Whether an image's content may be accepted under its declared formats. Unsafe or malformed
 * content is always refused. With format matching on, the bytes of a 'bare' image must be in
 * its disk_format; formats we cannot inspect (ami, ari, aki, ploop) and raw accept plain data
 * and ISO images, never another disk image format. Other containers (ova, ovf, docker,
 * compressed) wrap the disk, so only the safety check applies to them.
 */
public final class FormatVerdict {
    private static final Set<String> INSPECTED = Set.of("qcow2", "vmdk", "vhd", "vhdx", "vdi", "iso");
    private static final Set<String> PLAIN = Set.of("raw", "iso");

    private FormatVerdict() {}

    /** Why the content is refused, or null when it is acceptable. */
    public static String refusal(String diskFormat, String containerFormat, Inspection found, boolean requireMatch) {
        if (found.problem() != null) {
            return "Image data is not acceptable: " + found.problem() + ".";
        }
        if (!requireMatch || !"bare".equals(containerFormat) || matches(diskFormat, found)) {
            return null;
        }
        return "Image data does not match disk_format '" + diskFormat + "': the content is "
                + (found.format().equals("raw") ? "raw data" : "a " + found.format() + " image") + ".";
    }

    /** The virtual size to record: known for raw and inspected formats when the content is in that format. */
    public static Long virtualSize(String diskFormat, Inspection found, long dataSize) {
        if (diskFormat.equals("raw")) {
            return matches(diskFormat, found) && dataSize > 0 ? dataSize : null; // a raw disk is its bytes
        }
        boolean sized = INSPECTED.contains(diskFormat);
        return sized && matches(diskFormat, found) && found.virtualSize() > 0 ? found.virtualSize() : null;
    }

    private static boolean matches(String diskFormat, Inspection found) {
        if (INSPECTED.contains(diskFormat)) {
            return diskFormat.equals(found.format());
        }
        return PLAIN.contains(found.format());
    }
}
