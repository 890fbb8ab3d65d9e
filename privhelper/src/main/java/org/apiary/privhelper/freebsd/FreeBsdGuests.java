package org.apiary.privhelper.freebsd;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * bhyve guests, argv per bhyve(8), bhyvectl(8) and bhyveload(8). The VM's console is an nmdm(4)
 * pair: bhyve opens the A side (-l com1,/dev/nmdmNA), the agent group gets the B side. After every
 * bhyve exit the VM is removed from /dev/vmm with bhyvectl --destroy (bhyve keeps it otherwise).
 */
final class FreeBsdGuests {
    static final String BHYVE = "/usr/sbin/bhyve", BHYVECTL = "/usr/sbin/bhyvectl", BHYVELOAD = "/usr/sbin/bhyveload",
            CHOWN = "/usr/sbin/chown", CHMOD = "/bin/chmod";
    static final Path FIRMWARE_DIR = Path.of("/usr/local/share/uefi-firmware"); // sysutils/edk2 (edk2-bhyve)
    static final Duration START_GRACE = Duration.ofMillis(500), EXIT_WAIT = Duration.ofSeconds(30);

    private final GuestTable table;
    private final GuestLauncher launcher;
    private final Exec exec;
    private final Disks disks;
    private final Path vmm;
    private final Path firmwareDir;
    private final String group;

    FreeBsdGuests(GuestTable table, GuestLauncher launcher, Exec exec, Disks disks, Path vmm, Path firmwareDir,
            String group) {
        this.table = table;
        this.launcher = launcher;
        this.exec = exec;
        this.disks = disks;
        this.vmm = vmm;
        this.firmwareDir = firmwareDir;
        this.group = group;
    }

    GuestTable table() {
        return table;
    }

    JsonNode start(GuestSpec s) {
        table.requireNotRunning(s.name());
        GuestSpec.Boot boot = s.boot() == null ? GuestSpec.Boot.UEFI : s.boot();
        if (boot == GuestSpec.Boot.FIRMWARE) {
            throw HelperException.invalid("bhyve guests boot with uefi or bhyveload");
        }
        List<Path> diskPaths = new ArrayList<>();
        for (GuestDisk d : s.disks()) {
            diskPaths.add(disks.forGuest(d.path(), d.format()));
        }
        Path cdrom = s.cdrom() == null ? null : disks.paths().existing(s.cdrom());
        if (vmExists(s.name())) {
            exec.must(BHYVECTL, "--destroy", "--vm=" + s.name()); // stale VM of an earlier run
        }
        Guest g = table.open(s.name());
        int unit = nmdmUnit(g);
        String vars = null;
        if (boot == GuestSpec.Boot.UEFI) {
            vars = uefiVars(g).toString();
        } else {
            // bhyveload(8): bhyveload [-c cons-dev] [-d disk-path] [-m mem-size] vmname
            exec.must(BHYVELOAD, "-c", nmdm(unit, 'A'), "-m", s.memoryMb() + "M", "-d", diskPaths.get(0).toString(),
                    s.name());
        }
        List<String> argv = argv(s, unit, diskPaths, cdrom, vars);
        GuestProcess p = launcher.launch(argv, PathGuard.file(g.dir, "bhyve.log"));
        table.started(g, p, GuestTable::bhyveMeaning, this::afterExit);
        if (table.awaitExit(g, START_GRACE)) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "bhyve exited at once (" + table.status(g)
                    .path("exitMeaning").asText() + "): " + tail(g.dir));
        }
        return Wire.MAPPER.createObjectNode().put("changed", true).put("pid", p.pid());
    }

    /** bhyve(8): -c cpus -m memsize -H -w -u -U uuid -s slot,emulation[,conf] ... -l lpcdev[,conf] vmname. */
    List<String> argv(GuestSpec s, int unit, List<Path> diskPaths, Path cdrom, String vars) {
        List<String> a = new ArrayList<>(List.of(BHYVE, "-c", String.valueOf(s.vcpus()), "-m", s.memoryMb() + "M",
                "-H", "-w", "-u", "-U", s.name(), "-s", "0,hostbridge"));
        for (int i = 0; i < diskPaths.size(); i++) {
            a.addAll(List.of("-s", (2 + i) + ",virtio-blk," + diskPaths.get(i)));
        }
        for (int i = 0; i < s.nics().size(); i++) {
            GuestNic n = s.nics().get(i);
            a.addAll(List.of("-s", (10 + i) + ",virtio-net," + n.tap() + ",mac=" + n.mac()));
        }
        if (cdrom != null) {
            a.addAll(List.of("-s", "20,ahci-cd," + cdrom));
        }
        a.addAll(List.of("-s", "31,lpc", "-l", "com1," + nmdm(unit, 'A')));
        if (vars != null) {
            a.addAll(List.of("-l", "bootrom," + firmwareDir.resolve("BHYVE_UEFI.fd") + "," + vars));
        }
        a.add(s.name());
        return a;
    }

    JsonNode stop(String name) {
        Guest g = table.require(name);
        if (!table.running(g)) {
            return Exec.changed(false);
        }
        g.process().terminate(); // bhyve(8): SIGTERM is an ACPI power-button press for the guest
        return Exec.changed(true);
    }

    JsonNode poweroff(String name) {
        Guest g = table.require(name);
        if (!table.running(g)) {
            return Exec.changed(false);
        }
        exec.must(BHYVECTL, "--force-poweroff", "--vm=" + name);
        awaitExit(g);
        return table.status(g);
    }

    JsonNode reset(String name) {
        Guest g = table.requireRunning(name);
        exec.must(BHYVECTL, "--force-reset", "--vm=" + name); // bhyve exits 0 (reboot)
        awaitExit(g);
        return table.status(g);
    }

    JsonNode destroy(String name) {
        Guest g = table.find(name);
        if (g == null && !vmExists(name)) {
            return Exec.changed(false);
        }
        if (g != null && table.running(g)) {
            poweroff(name);
        }
        if (vmExists(name)) {
            exec.must(BHYVECTL, "--destroy", "--vm=" + name);
        }
        if (g != null) {
            table.remove(g);
        }
        return Exec.changed(true);
    }

    JsonNode console(String name) {
        Guest g = table.requireRunning(name);
        String b = nmdm((Integer) g.platform, 'B');
        if (group != null) {
            exec.must(CHOWN, "root:" + group, b);
        }
        exec.must(CHMOD, "0660", b);
        return Wire.MAPPER.createObjectNode().put("name", name).put("device", b);
    }

    /**
     * guest_snapshot: bhyve cannot pause a VM, so only a stopped guest is copied (the driver shuts it down
     * first); qemu-img from ports writes the qcow2 copy, which the agent group may read.
     */
    JsonNode snapshot(GuestSnapshot s) {
        Guest g = table.find(s.name());
        if (g != null && table.running(g)) {
            throw HelperException.conflict("guest " + s.name() + " is running; bhyve cannot pause a VM, so stop it "
                    + "before guest_snapshot");
        }
        Path target = disks.snapshot(s, false);
        table.grant(target.getParent(), "rwxr-x---");
        table.grant(target, "rw-r-----");
        return Disks.snapshotResult(target);
    }

    private void afterExit(Guest g) {
        if (vmExists(g.name)) {
            exec.must(BHYVECTL, "--destroy", "--vm=" + g.name);
        }
    }

    private boolean vmExists(String name) {
        return Files.exists(vmm.resolve(name)); // vmm(4): one node per VM in /dev/vmm
    }

    /** The guest's nmdm unit: kept in its state dir; new guests take the lowest unit no other guest holds. */
    private int nmdmUnit(Guest g) {
        if (g.platform instanceof Integer u) {
            return u;
        }
        Path f = PathGuard.file(g.dir, "nmdm");
        try {
            if (Files.exists(f)) {
                String s = Files.readString(f).strip();
                if (s.matches("[0-9]{1,5}")) {
                    g.platform = Integer.parseInt(s);
                    return (Integer) g.platform;
                }
            }
            java.util.Set<Integer> taken = new java.util.HashSet<>();
            for (Guest o : table.all()) {
                if (o != g && o.platform instanceof Integer u) {
                    taken.add(u);
                }
            }
            int unit = 0;
            while (taken.contains(unit)) {
                unit++;
            }
            Files.writeString(f, unit + "\n");
            g.platform = unit;
            return unit;
        } catch (IOException e) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot record nmdm unit: " + e.getMessage());
        }
    }

    static String nmdm(int unit, char side) {
        return "/dev/nmdm" + unit + side;
    }

    /** The guest's own copy of the UEFI variable store, made once from edk2-bhyve's template. */
    private Path uefiVars(Guest g) {
        Path vars = PathGuard.file(g.dir, "uefi-vars.fd");
        if (!Files.exists(vars)) {
            Path template = firmwareDir.resolve("BHYVE_UEFI_VARS.fd");
            if (!Files.isRegularFile(template) || !Files.isRegularFile(firmwareDir.resolve("BHYVE_UEFI.fd"))) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "UEFI firmware missing in " + firmwareDir
                        + " (install sysutils/edk2, flavor bhyve)");
            }
            try {
                Files.copy(template, vars, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "cannot copy UEFI vars: " + e.getMessage());
            }
        }
        return vars;
    }

    private void awaitExit(Guest g) {
        if (!table.awaitExit(g, EXIT_WAIT)) {
            throw new HelperException(ErrorCode.HOST_COMMAND_FAILED, "guest " + g.name + " did not exit within "
                    + EXIT_WAIT.toSeconds() + "s");
        }
    }

    private static String tail(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("bhyve.log"));
            return Printable.of(String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())), 400);
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
