package org.apiary.privhelper.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiary.privhelper.host.Disks;
import org.apiary.privhelper.host.Exec;
import org.apiary.privhelper.host.GuestLauncher;
import org.apiary.privhelper.host.GuestProcess;
import org.apiary.privhelper.host.GuestTable;
import org.apiary.privhelper.host.GuestTable.Guest;
import org.apiary.privhelper.host.PathGuard;
import org.apiary.privhelper.ops.GuestDisk;
import org.apiary.privhelper.ops.GuestNic;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.apiary.privhelper.ops.GuestSpec;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Printable;
import org.apiary.privhelper.protocol.Wire;

/**
 * QEMU guests (qemu-system-x86_64(1)): KVM when /dev/kvm works (see kvmUsable), else TCG; -no-reboot so that
 * every guest reset ends the process and the compute agent decides what follows; -nodefaults and
 * -display none so only what the spec lists exists; the serial port on a UNIX socket with a log
 * file; QMP on a UNIX socket the helper alone talks to. No TCP listener anywhere.
 */
final class LinuxGuests {
    static final Duration START_WAIT = Duration.ofSeconds(20), EXIT_WAIT = Duration.ofSeconds(15);

    /** What the helper keeps per running QEMU. */
    static final class Qemu {
        volatile Qmp qmp;
        volatile boolean forcedOff;
    }

    private final GuestTable table;
    private final GuestLauncher launcher;
    private final Disks disks;
    private final String qemu;
    private final Path kvm;

    LinuxGuests(GuestTable table, GuestLauncher launcher, Disks disks, String qemu, Path kvm) {
        this.table = table;
        this.launcher = launcher;
        this.disks = disks;
        this.qemu = qemu;
        this.kvm = kvm;
    }

    GuestTable table() {
        return table;
    }

    JsonNode start(GuestSpec s) {
        table.requireNotRunning(s.name());
        List<Path> diskPaths = new ArrayList<>();
        for (GuestDisk d : s.disks()) {
            diskPaths.add(disks.forGuest(d.path(), d.format()));
        }
        Path cdrom = s.cdrom() == null ? null : disks.paths().existing(s.cdrom());
        if (s.boot() != null && s.boot() != GuestSpec.Boot.FIRMWARE) {
            throw HelperException.invalid("boot " + s.boot().name().toLowerCase(java.util.Locale.ROOT)
                    + " is a bhyve boot method; QEMU guests boot from their default firmware");
        }
        Guest g = table.open(s.name());
        for (String stale : List.of("console.sock", "qmp.sock")) {
            deleteQuietly(PathGuard.file(g.dir, stale));
        }
        List<String> argv = argv(s, g.dir, diskPaths, cdrom);
        GuestProcess p = launcher.launch(argv, PathGuard.file(g.dir, "qemu.log"));
        Qemu q = new Qemu();
        g.platform = q;
        table.started(g, p, code -> meaning(q, code), this::afterExit);
        try {
            q.qmp = Qmp.connect(PathGuard.file(g.dir, "qmp.sock"), START_WAIT, p::alive);
        } catch (HelperException e) {
            p.kill();
            table.awaitExit(g, EXIT_WAIT);
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "QEMU did not start: " + tail(g.dir));
        }
        return Wire.MAPPER.createObjectNode().put("changed", true).put("pid", p.pid());
    }

    List<String> argv(GuestSpec s, Path dir, List<Path> diskPaths, Path cdrom) {
        List<String> a = new ArrayList<>(List.of(qemu, "-name", s.name(), "-uuid", s.name(),
                "-accel", kvmUsable(kvm, Path.of("/proc/cpuinfo")) ? "kvm" : "tcg",
                "-m", String.valueOf(s.memoryMb()), "-smp", String.valueOf(s.vcpus()),
                "-no-user-config", "-nodefaults", "-no-reboot", "-display", "none",
                // logappend: the console log outlives restarts (reboots, stop/start), as Nova's does.
                "-chardev", "socket,id=console0,path=" + dir.resolve("console.sock") + ",server=on,wait=off,logfile="
                        + dir.resolve("console.log") + ",logappend=on",
                "-serial", "chardev:console0",
                "-qmp", "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off"));
        for (int i = 0; i < diskPaths.size(); i++) {
            a.addAll(List.of("-drive", "file=" + diskPaths.get(i) + ",format=" + s.disks().get(i).format().wire()
                    + ",if=virtio,index=" + i));
        }
        if (cdrom != null) {
            a.addAll(List.of("-drive", "file=" + cdrom + ",format=raw,media=cdrom,readonly=on"));
        }
        for (int i = 0; i < s.nics().size(); i++) {
            GuestNic n = s.nics().get(i);
            a.addAll(List.of("-netdev", "tap,id=net" + i + ",ifname=" + n.tap() + ",script=no,downscript=no",
                    "-device", "virtio-net-pci,netdev=net" + i + ",mac=" + n.mac()));
        }
        return a;
    }

    JsonNode stop(String name) {
        Guest g = table.require(name);
        if (!table.running(g)) {
            return Exec.changed(false);
        }
        qmp(g).execute("system_powerdown"); // ACPI power button; the guest OS decides
        return Exec.changed(true);
    }

    JsonNode poweroff(String name) {
        Guest g = table.require(name);
        if (!table.running(g)) {
            return Exec.changed(false);
        }
        ((Qemu) g.platform).forcedOff = true;
        g.process().kill();
        awaitExit(g);
        return table.status(g);
    }

    JsonNode reset(String name) {
        Guest g = table.requireRunning(name);
        qmp(g).execute("system_reset"); // with -no-reboot QEMU exits, reason host-qmp-system-reset
        awaitExit(g);
        return table.status(g);
    }

    JsonNode destroy(String name) {
        Guest g = table.find(name);
        if (g == null) {
            return Exec.changed(false);
        }
        if (table.running(g)) {
            poweroff(name);
        }
        table.remove(g);
        return Exec.changed(true);
    }

    JsonNode console(String name) {
        Guest g = table.require(name);
        if (!table.running(g)) {
            throw HelperException.conflict("guest " + name + " is not running; its console log is "
                    + g.dir.resolve("console.log"));
        }
        Path sock = PathGuard.file(g.dir, "console.sock"), log = PathGuard.file(g.dir, "console.log");
        table.grant(sock, "rw-rw----");
        if (Files.exists(log)) {
            table.grant(log, "rw-r-----");
        }
        return Wire.MAPPER.createObjectNode().put("name", name).put("socket", sock.toString())
                .put("log", log.toString());
    }

    /**
     * guest_snapshot: a running guest is paused with QMP stop (QEMU drains and flushes its disks on stop),
     * its disk copied with -U (QEMU keeps its lock on the image), and resumed with QMP cont whatever the
     * copy did; a stopped guest's disk is copied directly. The agent group may read the copy.
     */
    JsonNode snapshot(GuestSnapshot s) {
        Guest g = table.find(s.name());
        Path target;
        if (g != null && table.running(g)) {
            Qmp q = qmp(g);
            q.execute("stop");
            try {
                target = disks.snapshot(s, true);
            } catch (RuntimeException e) {
                resumeQuietly(q, e);
                throw e;
            }
            q.execute("cont");
        } else {
            target = disks.snapshot(s, false);
        }
        table.grant(target.getParent(), "rwxr-x---");
        table.grant(target, "rw-r-----");
        return Disks.snapshotResult(target);
    }

    private static void resumeQuietly(Qmp q, RuntimeException copyFailure) {
        try {
            q.execute("cont");
        } catch (RuntimeException e) {
            copyFailure.addSuppressed(e);
        }
    }

    private void afterExit(Guest g) {
        if (g.platform instanceof Qemu q && q.qmp != null) {
            q.qmp.close();
        }
        for (String sock : List.of("console.sock", "qmp.sock")) {
            deleteQuietly(g.dir.resolve(sock)); // left behind when QEMU is killed
        }
    }

    /** QEMU's SHUTDOWN reason when it sent one, else what the status says, in bhyve(8)'s vocabulary. */
    static String meaning(Qemu q, int code) {
        String reason = q.qmp == null ? null : q.qmp.shutdownReason();
        if (reason != null) {
            return switch (reason) {
                case "guest-reset", "host-qmp-system-reset" -> "reboot";
                case "guest-panic", "host-error" -> "error";
                default -> "poweroff"; // guest-shutdown, host-qmp-quit, host-signal, host-ui
            };
        }
        if (q.forcedOff) {
            return "poweroff";
        }
        return code == 0 ? "poweroff" : code > 128 ? "killed" : "error";
    }

    private Qmp qmp(Guest g) {
        Qmp q = g.platform instanceof Qemu qemu ? qemu.qmp : null;
        if (q == null) {
            throw HelperException.conflict("guest " + g.name + " has no QMP connection");
        }
        return q;
    }

    private void awaitExit(Guest g) {
        if (!table.awaitExit(g, EXIT_WAIT)) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "guest " + g.name + " did not exit within "
                    + EXIT_WAIT.toSeconds() + "s");
        }
    }

    private static String tail(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("qemu.log"));
            return Printable.of(String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())), 400);
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale socket QEMU will replace anyway
        }
    }

    /**
     * KVM only when /dev/kvm exists AND the CPU offers hardware virtualisation (vmx or svm in
     * /proc/cpuinfo): some nested hosts expose /dev/kvm without it, and there every guest stops in
     * the firmware with "KVM internal error ... emulation failure" while TCG would boot it.
     */
    static boolean kvmUsable(Path kvm, Path cpuinfo) {
        if (!Files.exists(kvm)) {
            return false;
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .anyMatch(l -> java.util.Arrays.asList(l.split("\\s+")).stream()
                            .anyMatch(f -> f.equals("vmx") || f.equals("svm")));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
