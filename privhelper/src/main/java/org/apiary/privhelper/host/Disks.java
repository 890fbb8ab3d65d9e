package org.apiary.privhelper.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiary.privhelper.ops.Check;
import org.apiary.privhelper.ops.DiskConvert;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.DiskResize;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;

/**
 * Disk operations for both platforms. Linux does everything with qemu-img(1). FreeBSD keeps guest
 * disks raw: files are made and grown with truncate(1) ("-s size"), qemu-img from ports only
 * converts, and with a dataset configured a path "zvol/NAME" is the ZFS volume DATASET/NAME
 * (zfs(8): create -V, snapshot, clone, set volsize, destroy), seen by guests as /dev/zvol/DATASET/NAME.
 * qemu-img always gets the format (-f/-O): an image's own header never decides how it is read.
 */
public final class Disks {
    public static final Duration CONVERT_TIMEOUT = Duration.ofHours(2);
    private static final String ZVOL = "zvol/";
    private static final java.util.regex.Pattern GUEST_DIR = java.util.regex.Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** @param truncate null on Linux; @param zfs null when no dataset is configured */
    public record Tools(String qemuImg, String truncate, String zfs, String dataset) {}

    private final Exec exec;
    private final DiskPaths paths;
    private final Tools tools;

    public Disks(Exec exec, DiskPaths paths, Tools tools) {
        this.exec = exec;
        this.paths = paths;
        this.tools = tools;
    }

    public DiskPaths paths() {
        return paths;
    }

    private boolean rawOnly() {
        return tools.truncate() != null;
    }

    /** The path a guest opens for a disk spec path: a checked file, or the device of one of our volumes. */
    public Path forGuest(String path, DiskFormat format) {
        if (rawOnly() && format != DiskFormat.RAW) {
            throw HelperException.invalid("guest disks are raw on this host; convert " + path + " first");
        }
        if (isZvol(path)) {
            String vol = volume(path);
            requireVolume(vol, true);
            return Path.of("/dev/zvol", vol);
        }
        return paths.existing(path);
    }

    public JsonNode apply(Object op) {
        return switch (op) {
            case DiskCreate c -> create(c);
            case DiskConvert c -> convert(c);
            case DiskResize r -> resize(r);
            case DiskDelete d -> delete(d);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private JsonNode create(DiskCreate c) {
        if (rawOnly() && c.format() != DiskFormat.RAW) {
            throw HelperException.invalid("this host keeps disks raw; format must be raw");
        }
        if (isZvol(c.path())) {
            String vol = volume(c.path());
            requireVolume(vol, false);
            if (c.cloneOf() != null) {
                String origin = volume(c.cloneOf());
                requireVolume(origin, true);
                String snap = origin + "@apiary-clone-" + vol.substring(vol.lastIndexOf('/') + 1);
                exec.must(tools.zfs(), "snapshot", snap);
                exec.must(tools.zfs(), "clone", snap, vol);
                if (c.sizeBytes() > volsize(vol)) {
                    exec.must(tools.zfs(), "set", "volsize=" + c.sizeBytes(), vol);
                }
            } else {
                exec.must(tools.zfs(), "create", "-V", String.valueOf(c.sizeBytes()), vol);
            }
            return result(true, Path.of("/dev/zvol", vol));
        }
        if (c.cloneOf() != null) {
            throw HelperException.invalid("cloneOf needs ZFS volumes (zvol/NAME with [helper] zfs_dataset set)");
        }
        Path p = paths.fresh(c.path());
        if (rawOnly()) {
            exec.must(tools.truncate(), "-s", String.valueOf(c.sizeBytes()), p.toString());
        } else {
            exec.must(tools.qemuImg(), "create", "-q", "-f", c.format().wire(), p.toString(),
                    String.valueOf(c.sizeBytes()));
        }
        return result(true, p);
    }

    private JsonNode convert(DiskConvert c) {
        if (rawOnly() && c.targetFormat() != DiskFormat.RAW) {
            throw HelperException.invalid("this host keeps disks raw; targetFormat must be raw");
        }
        Path source = isZvol(c.source()) ? forGuest(c.source(), DiskFormat.RAW) : paths.existing(c.source());
        boolean toVolume = isZvol(c.target());
        if (toVolume && c.targetFormat() != DiskFormat.RAW) {
            throw HelperException.invalid("a ZFS volume holds raw data only");
        }
        Path target = toVolume ? forGuest(c.target(), DiskFormat.RAW) : paths.fresh(c.target());
        List<String> argv = new ArrayList<>(List.of(tools.qemuImg(), "convert", "-q", "-f", c.sourceFormat().wire(),
                "-O", c.targetFormat().wire()));
        if (toVolume) {
            argv.add("-n"); // qemu-img(1): skip target creation; the volume exists
        }
        argv.addAll(List.of(source.toString(), target.toString()));
        try {
            exec.must(new Command(argv, null, CONVERT_TIMEOUT));
        } catch (HelperException e) {
            if (!toVolume) {
                deleteQuietly(target); // never leave a half-written image behind
            }
            throw e;
        }
        return result(true, target);
    }

    /**
     * guest_snapshot's copy: {@code qemu-img convert -q [-U] -f FORMAT -O qcow2 DISK TARGET} into a new file
     * (qcow2 also where guest disks are raw: the snapshot is an image for Glance, not a disk for bhyve).
     * {@code shared} adds -U (qemu-img(1) --force-share), needed to read a disk a paused QEMU still holds
     * locked; the caller guarantees nothing writes it meanwhile. A failed copy leaves no file behind.
     */
    public Path snapshot(GuestSnapshot s, boolean shared) {
        // A guest's ZFS volume is read through its device, /dev/zvol/DATASET/NAME.
        Path source = isZvol(s.disk()) ? forGuest(s.disk(), s.format()) : paths.existing(s.disk());
        Path target = paths.fresh(s.target());
        List<String> argv = new ArrayList<>(List.of(tools.qemuImg(), "convert", "-q"));
        if (shared) {
            argv.add("-U");
        }
        argv.addAll(List.of("-f", s.format().wire(), "-O", DiskFormat.QCOW2.wire(), source.toString(),
                target.toString()));
        try {
            exec.must(new Command(argv, null, CONVERT_TIMEOUT));
        } catch (HelperException e) {
            deleteQuietly(target);
            throw e;
        }
        return target;
    }

    /** What guest_snapshot answers: the file, its format and its size in bytes. */
    public static JsonNode snapshotResult(Path target) {
        try {
            return Wire.MAPPER.createObjectNode().put("changed", true).put("path", target.toString())
                    .put("format", DiskFormat.QCOW2.wire()).put("sizeBytes", Files.size(target));
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot stat " + target + ": " + e.getMessage());
        }
    }

    private JsonNode resize(DiskResize r) {
        long current;
        Path p;
        String vol = isZvol(r.path()) ? volume(r.path()) : null;
        if (vol != null) {
            requireVolume(vol, true);
            current = volsize(vol);
            p = Path.of("/dev/zvol", vol);
        } else {
            p = paths.existing(r.path());
            current = virtualSize(p, r.format());
        }
        if (r.sizeBytes() < current) {
            throw HelperException.invalid("disk is " + current + " bytes; shrinking to " + r.sizeBytes()
                    + " is refused (grow only)");
        }
        if (r.sizeBytes() == current) {
            return result(false, p);
        }
        if (vol != null) {
            exec.must(tools.zfs(), "set", "volsize=" + r.sizeBytes(), vol);
        } else if (rawOnly()) {
            exec.must(tools.truncate(), "-s", String.valueOf(r.sizeBytes()), p.toString());
        } else {
            exec.must(tools.qemuImg(), "resize", "-q", "-f", r.format().wire(), p.toString(),
                    String.valueOf(r.sizeBytes()));
        }
        return result(true, p);
    }

    private JsonNode delete(DiskDelete d) {
        if (isZvol(d.path())) {
            String vol = volume(d.path());
            if (!volumeExists(vol)) {
                return result(false, Path.of("/dev/zvol", vol));
            }
            String origin = exec.must(tools.zfs(), "get", "-H", "-o", "value", "origin", vol).stdout().strip();
            exec.must(tools.zfs(), "destroy", vol);
            if (origin.startsWith(tools.dataset() + "/") && origin.contains("@apiary-clone-")) {
                exec.must(tools.zfs(), "destroy", origin); // the snapshot this clone was made from
            }
            return result(true, Path.of("/dev/zvol", vol));
        }
        Path p;
        try {
            p = paths.existing(d.path());
        } catch (HelperException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                return Exec.changed(false); // already gone
            }
            throw e;
        }
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot delete " + p + ": " + e.getMessage());
        }
        removeEmptyGuestDirectory(p.getParent());
        return result(true, p);
    }

    /**
     * A guest's directory ({@code <disk root>/<uuid>/}, Nova's instance directory) goes with its last disk, so a
     * destroyed guest leaves nothing. Only a directly-under-the-root directory named as a UUID, only when empty
     * (rmdir semantics; a file that appears meanwhile keeps it): never the root, never another directory (the
     * agent's image cache, which it owns, stays).
     */
    private void removeEmptyGuestDirectory(Path dir) {
        if (dir == null || !root().equals(dir.getParent()) || !GUEST_DIR.matcher(dir.getFileName().toString()).matches()
                || Files.isSymbolicLink(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        try {
            Files.delete(dir);
        } catch (IOException e) {
            // not empty after all, or already gone: the disk itself is deleted, which is what was asked
        }
    }

    private Path root() {
        return paths.root();
    }

    /** Raw: the file length. qcow2/vmdk: qemu-img info's virtual-size, read with the given format. */
    private long virtualSize(Path p, DiskFormat format) {
        if (format == DiskFormat.RAW) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot stat " + p + ": " + e.getMessage());
            }
        }
        if (rawOnly()) {
            throw HelperException.invalid("this host keeps disks raw; format must be raw");
        }
        String json = exec.must(tools.qemuImg(), "info", "-f", format.wire(), "--output=json", p.toString()).stdout();
        try {
            JsonNode n = Wire.MAPPER.readTree(json).get("virtual-size");
            if (n == null || !n.canConvertToLong()) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "qemu-img info gave no virtual-size");
            }
            return n.longValue();
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "qemu-img info output unreadable");
        }
    }

    private boolean isZvol(String path) {
        return path.startsWith(ZVOL);
    }

    /** zvol/NAME → DATASET/NAME; NAME is one component (the syntax check already excluded '..'). */
    private String volume(String path) {
        if (tools.zfs() == null || tools.dataset() == null) {
            throw HelperException.invalid("'" + path + "' is a ZFS volume path, but no [helper] zfs_dataset is set");
        }
        String name = path.substring(ZVOL.length());
        if (name.contains("/") || !name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw HelperException.invalid("volume name '" + name + "' must be one lower-case component");
        }
        return tools.dataset() + "/" + name;
    }

    private boolean volumeExists(String vol) {
        // zfs(8) list -H -o name: exit 1 ("dataset does not exist") when absent.
        return exec.probe(List.of(tools.zfs(), "list", "-H", "-o", "name", vol)).ok();
    }

    private void requireVolume(String vol, boolean exists) {
        if (volumeExists(vol) != exists) {
            throw HelperException.conflict("volume " + vol + (exists ? " does not exist" : " already exists"));
        }
    }

    private long volsize(String vol) {
        String v = exec.must(tools.zfs(), "get", "-Hp", "-o", "value", "volsize", vol).stdout().strip();
        if (!v.matches("[0-9]{1,19}")) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "unexpected volsize '" + v + "'");
        }
        return Long.parseLong(v);
    }

    private static JsonNode result(boolean changed, Path p) {
        return Wire.MAPPER.createObjectNode().put("changed", changed).put("path", p.toString());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the conversion error is what the caller needs to see
        }
    }

}
