package org.apiary.privhelper.ops;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;

/** Field validators shared by the operation records. */
public final class Check {
    /** Linux IFNAMSIZ is 16 including the NUL; FreeBSD's is the same. */
    public static final int IFNAME_MAX = 15;
    public static final String BRIDGE = "apb-", TAP = "apt-", VETH = "apv-", VXLAN = "apx-", VLAN = "apl-";
    /** Name prefix of isolation domains (Linux netns, FreeBSD jail), followed by the owner UUID. */
    public static final String DOMAIN = "apiary-";

    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PHYSICAL = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]*");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A disk path: absolute or relative to the disk root; each component starts with [A-Za-z0-9_]. */
    private static final Pattern DISK_PATH = Pattern.compile("/?[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");
    public static final long MIB = 1L << 20, MAX_DISK_BYTES = 16L << 40;

    private Check() {}

    /**
     * Syntax only: no "..", ".", empty or dash-led component, no character outside [A-Za-z0-9._/-]
     * (so nothing a shell, qemu's option parser (commas) or bhyve's (commas) would read specially).
     * The backend then resolves it under the disk root (host/DiskPaths).
     */
    public static String diskPath(Args a, String field) {
        String s = a.string(field, 255);
        if (!DISK_PATH.matcher(s).matches()) {
            throw HelperException.invalid(field + " '" + Printable.of(s, 60) + "' is not a plain path (components of "
                    + "[A-Za-z0-9._-] not starting with '.' or '-', separated by single '/')");
        }
        return s;
    }

    /** Disk sizes: whole MiB, 1 MiB .. 16 TiB. */
    public static long diskSize(Args a, String field) {
        long n = a.integer(field, MIB, MAX_DISK_BYTES);
        if (n % MIB != 0) {
            throw HelperException.invalid(field + " must be a whole number of MiB, got " + n);
        }
        return n;
    }

    /** An interface name we create: one of our prefixes, then [a-z0-9-], at most 15 characters. */
    public static String ifname(Args a, String field, String... prefixes) {
        String s = a.string(field, 64);
        return ifname(s, field, prefixes);
    }

    public static String ifname(String s, String field, String... prefixes) {
        if (s.length() > IFNAME_MAX) {
            throw HelperException.invalid(field + " '" + Printable.of(s, 40) + "' is longer than " + IFNAME_MAX
                    + " characters");
        }
        for (String p : prefixes) {
            if (s.startsWith(p) && s.length() > p.length() && SUFFIX.matcher(s.substring(p.length())).matches()) {
                return s;
            }
        }
        throw HelperException.invalid(field + " '" + Printable.of(s, 40) + "' must start with "
                + String.join(" or ", prefixes) + " followed by [a-z0-9-]");
    }

    /**
     * A host interface we do not own (VLAN parent, VXLAN underlay device). Only syntax here; the
     * backend also requires it to be in the configured physical_interfaces list.
     */
    public static String physical(Args a, String field) {
        String s = a.string(field, 64);
        if (s.length() > IFNAME_MAX || !PHYSICAL.matcher(s).matches()) {
            throw HelperException.invalid(field + " '" + Printable.of(s, 40) + "' is not an interface name");
        }
        return s;
    }

    /** Owner ids are canonical lower-case UUIDs (network, port or router ids). */
    public static String uuid(Args a, String field) {
        return uuid(a.string(field, 64), field);
    }

    public static String uuid(String s, String field) {
        if (!UUID.matcher(s).matches()) {
            throw HelperException.invalid(field + " '" + Printable.of(s, 40)
                    + "' is not a lower-case UUID (8-4-4-4-12 hex digits)");
        }
        return s;
    }

    /** The tag written to an interface's alias/description; the owner is always a validated UUID. */
    public static String tag(String owner) {
        return "apiary:" + owner;
    }

    public static String domainName(String owner) {
        return DOMAIN + owner;
    }

    /** A DNS label for dnsmasq host entries: RFC 1123, lower-cased, at most 63 characters. */
    public static String hostname(String s, String field) {
        if (s.length() > 63 || !Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?").matcher(s).matches()) {
            throw HelperException.invalid(field + " '" + Printable.of(s, 70) + "' is not a host name label");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E oneOf(Args a, String field, Class<E> type) {
        String s = a.string(field, 40);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return e;
            }
        }
        throw HelperException.invalid(field + " '" + Printable.of(s, 40) + "' is not one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
