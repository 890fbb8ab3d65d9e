package org.apiary.privhelper.freebsd.sim;

import static org.apiary.privhelper.freebsd.sim.FreeBsdSim.need;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apiary.privhelper.host.GuestProcess;

/**
 * bhyve(8), bhyvectl(8), bhyveload(8), nmdm(4) and vmm(4) in the simulator, plus the disk tools
 * (truncate(1), qemu-img(1) convert, zfs(8) volumes). /dev/vmm is a real temporary directory
 * with one entry per VM, so the backend probes it as it would the real one.
 */
final class SimBhyve {
    static final class Vm {
        boolean loaded; // by bhyveload: bhyve may then run without a bootrom
        SimGuest running;
    }

    /** A bhyve process: exits with bhyve(8)'s status when the VM is powered off, reset or signalled. */
    final class SimGuest implements GuestProcess {
        final long pid;
        final String vm;
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        SimGuest(long pid, String vm) {
            this.pid = pid;
            this.vm = vm;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean alive() {
            return !exit.isDone();
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public void terminate() {
            exit(1); // the simulated guest honours the ACPI power button: powered off
        }

        @Override
        public void kill() {
            exit(128 + 9);
        }

        void exit(int status) {
            synchronized (sim) {
                Vm v = vms.get(vm);
                if (v != null && v.running == this) {
                    v.running = null;
                    v.loaded = false;
                }
            }
            CompletableFuture.runAsync(() -> exit.complete(status)); // like a real child: not on the caller's thread
        }
    }

    /** zfs(8) naming: components of [A-Za-z0-9_.:-], the first a pool name starting with a letter. */
    private static final String COMPONENT = "[A-Za-z0-9_.:-]+";
    private static final String DATASET = "[A-Za-z][A-Za-z0-9_.:-]*(/" + COMPONENT + ")+";
    private static final long VOLBLOCKSIZE = 16 * 1024;

    private final FreeBsdSim sim;
    final Path vmm;
    final Map<String, Vm> vms = new LinkedHashMap<>();
    final Set<String> nmdm = new HashSet<>();
    final Map<String, Long> zvols = new LinkedHashMap<>();
    final Map<String, String> snapshots = new LinkedHashMap<>(); // snapshot → volume
    final Map<String, String> origins = new LinkedHashMap<>(); // clone → snapshot

    SimBhyve(FreeBsdSim sim) {
        this.sim = sim;
        try {
            this.vmm = Files.createTempDirectory("sim-dev-vmm");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** bhyve(8): -c n -m sizeM -H -w -u -U uuid -s slot,emulation[,conf]... -l com1,dev -l bootrom,fw[,vars] vmname. */
    SimGuest bhyve(List<String> a) {
        Set<Integer> slots = new HashSet<>();
        boolean lpc = false, bootrom = false;
        int i = 1;
        for (; i < a.size() - 1; i++) {
            String o = a.get(i);
            switch (o) {
                case "-H", "-w", "-u" -> { }
                case "-c" -> need(a.get(++i).matches("[1-9][0-9]?"), "bhyve: invalid -c " + a.get(i));
                case "-m" -> need(a.get(++i).matches("[1-9][0-9]*M"), "bhyve: invalid memsize " + a.get(i));
                case "-U" -> need(a.get(++i).matches("[0-9a-f-]{36}"), "bhyve: invalid uuid " + a.get(i));
                case "-s" -> {
                    String[] p = a.get(++i).split(",", 3);
                    int slot = Integer.parseInt(p[0]);
                    need(slot >= 0 && slot <= 31 && slots.add(slot), "bhyve: bad or duplicate slot " + p[0]);
                    switch (p[1]) {
                        case "hostbridge" -> need(slot == 0 && p.length == 2, "bhyve: hostbridge belongs in slot 0");
                        case "lpc" -> lpc = true;
                        case "virtio-blk", "ahci-cd" -> need(p.length == 3 && (Files.isRegularFile(Path.of(p[2]))
                                || zvols.containsKey(p[2].replaceFirst("^/dev/zvol/", ""))), "bhyve: cannot open " + a.get(i));
                        case "virtio-net" -> {
                            String[] c = p[2].split(",");
                            SimState.Iface t = sim.state.visible(null, c[0]);
                            need(t != null && t.kind.equals("tap"), "bhyve: no tap " + c[0]);
                            need(c.length == 2 && c[1].matches("mac=([0-9a-f]{2}:){5}[0-9a-f]{2}"), "bhyve: bad mac");
                        }
                        default -> need(false, "bhyve: unknown emulation " + p[1]);
                    }
                }
                case "-l" -> {
                    String l = a.get(++i);
                    need(lpc, "bhyve: -l needs an lpc slot first (bhyve(8) -l)");
                    if (l.startsWith("bootrom,")) {
                        String[] p = l.split(",");
                        need(p.length == 3 && Files.isRegularFile(Path.of(p[1])) && Files.isRegularFile(Path.of(p[2])),
                                "bhyve: bootrom and vars must exist: " + l);
                        bootrom = true;
                    } else {
                        need(l.matches("com1,/dev/nmdm[0-9]+A"), "bhyve: -l com1,/dev/nmdmNA expected: " + l);
                        nmdm.add(l.substring(5));
                        nmdm.add(l.substring(5, l.length() - 1) + "B"); // nmdm(4): opening A creates the pair
                    }
                }
                default -> need(false, "bhyve: unknown option " + o);
            }
        }
        need(i == a.size() - 1, "bhyve: vmname must come last");
        String name = a.get(i);
        Vm v = vms.get(name);
        need(v == null || v.running == null, "bhyve: vm " + name + " is already running (vm_reinit: Device busy)");
        need(bootrom || (v != null && v.loaded), "bhyve: virtual machine cannot be booted (no bootrom, not loaded)");
        if (v == null) {
            v = new Vm();
            vms.put(name, v);
            touch(name);
        }
        v.running = new SimGuest(sim.state.nextPid++, name);
        return v.running;
    }

    /** bhyvectl(8): --destroy | --force-poweroff | --force-reset, then --vm=name; the VM must exist. */
    String bhyvectl(List<String> a) {
        need(a.size() == 3 && a.get(2).startsWith("--vm="), "bhyvectl: usage: bhyvectl --ACTION --vm=name");
        String name = a.get(2).substring(5);
        Vm v = vms.get(name);
        need(v != null, "bhyvectl: vm_open: " + name + " could not be opened: No such file or directory");
        switch (a.get(1)) {
            case "--destroy" -> {
                need(v.running == null, "bhyvectl: (simulator) destroying a VM under a running bhyve");
                vms.remove(name);
                nmdm.clear(); // nmdm(4) pairs vanish when both sides are closed
                try {
                    Files.deleteIfExists(vmm.resolve(name));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "--force-poweroff" -> exit(v, 1);
            case "--force-reset" -> exit(v, 0);
            default -> need(false, "bhyvectl: unknown option " + a.get(1));
        }
        return "";
    }

    private static void exit(Vm v, int status) {
        if (v.running != null) {
            v.running.exit(status);
        }
    }

    /** bhyveload(8): -c cons-dev -m mem-size -d disk-path vmname. */
    String bhyveload(List<String> a) {
        need(a.size() == 8 && a.get(1).equals("-c") && a.get(3).equals("-m") && a.get(5).equals("-d"),
                "bhyveload: usage: bhyveload -c cons -m mem -d disk vmname");
        need(Files.isRegularFile(Path.of(a.get(6))) || a.get(6).startsWith("/dev/zvol/"), "bhyveload: no disk");
        String name = a.get(7);
        Vm v = vms.computeIfAbsent(name, n -> {
            touch(n);
            return new Vm();
        });
        need(v.running == null, "bhyveload: vm is running");
        v.loaded = true;
        return "";
    }

    /** chown(8) root:group and chmod(1) 0660, here only on nmdm devices that exist. */
    String chownChmod(List<String> a) {
        need(a.size() == 3 && nmdm.contains(a.get(2)), a.get(0) + ": " + a.get(2) + ": No such file or directory");
        need(a.get(0).endsWith("chmod") ? a.get(1).equals("0660") : a.get(1).matches("root:[a-z_][a-z0-9_-]*"),
                a.get(0) + ": unexpected mode/owner " + a.get(1));
        return "";
    }

    /** truncate(1): truncate -s size file (creates the file; the parent must exist). */
    String truncate(List<String> a) {
        need(a.size() == 4 && a.get(1).equals("-s") && a.get(2).matches("[0-9]+") && a.get(3).startsWith("/"),
                "truncate: usage: truncate -s size file");
        setLength(Path.of(a.get(3)), Long.parseLong(a.get(2)));
        return "";
    }

    /**
     * qemu-img(1) convert -q -f fmt -O raw [-n] src dst (guest disks), or -O qcow2 src dst (snapshots, a new
     * file): both formats explicit.
     */
    String qemuImg(List<String> a) {
        need(a.size() >= 8 && a.get(1).equals("convert") && a.get(2).equals("-q") && a.get(3).equals("-f")
                && List.of("raw", "qcow2", "vmdk").contains(a.get(4)) && a.get(5).equals("-O")
                && (a.get(6).equals("raw") || a.get(6).equals("qcow2") && a.size() == 9),
                "qemu-img: usage: convert -q -f fmt -O raw [-n] src dst | convert -q -f fmt -O qcow2 src dst");
        need(!a.get(6).equals("qcow2") || !Files.exists(Path.of(a.get(8))), "qemu-img: target " + a.get(8)
                + " exists");
        boolean noCreate = a.size() == 10 && a.get(7).equals("-n");
        need(a.size() == (noCreate ? 10 : 9), "qemu-img: unexpected arguments");
        Path src = Path.of(a.get(a.size() - 2)), dst = Path.of(a.get(a.size() - 1));
        long srcBytes = zvolDevice(src.toString()) != null ? zvols.getOrDefault(zvolDevice(src.toString()), -1L)
                : Files.isRegularFile(src) ? size(src) : -1;
        need(srcBytes >= 0, "qemu-img: Could not open '" + src + "'");
        if (noCreate) {
            // -n: the target exists (here: only a volume's device) and must hold the whole image.
            String vol = zvolDevice(dst.toString());
            need(vol != null && zvols.containsKey(vol), "qemu-img: Could not open '" + dst + "'");
            need(zvols.get(vol) >= srcBytes, "qemu-img: Error: output file is smaller than input file");
        } else {
            need(zvolDevice(dst.toString()) == null, "qemu-img: a volume's device exists already; -n is needed");
            setLength(dst, srcBytes);
        }
        return "";
    }

    /** /dev/zvol/POOL/… → the volume POOL/…; null for any other path. */
    private static String zvolDevice(String path) {
        return path.startsWith("/dev/zvol/") ? path.substring("/dev/zvol/".length()) : null;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new FreeBsdSim.SimError(e.getMessage());
        }
    }

    /**
     * zfs(8) volumes, each subcommand in the exact form of its SYNOPSIS the helper uses: {@code create -V size
     * volume}, {@code list -H -o name dataset}, {@code get -H[p] -o value property dataset}, {@code set
     * volsize=size volume}, {@code snapshot volume@snapname}, {@code clone snapshot volume}, {@code destroy
     * volume|snapshot}. Names follow zfs(8)'s component rules; sizes are multiples of the default volblocksize
     * (16K, OpenZFS 2.2).
     */
    String zfs(List<String> a) {
        need(a.size() >= 3, "zfs: usage: zfs command args ...");
        String cmd = a.get(1);
        String target = a.get(a.size() - 1);
        boolean snapshotName = target.contains("@");
        need(target.matches(DATASET + (snapshotName ? "@" + COMPONENT : "")),
                "zfs: invalid dataset name '" + target + "'");
        switch (cmd) {
            case "create" -> {
                need(a.size() == 5 && a.get(2).equals("-V") && a.get(3).matches("[1-9][0-9]*"), "zfs: usage: create -V size vol");
                need(Long.parseLong(a.get(3)) % VOLBLOCKSIZE == 0, "zfs: volsize must be a multiple of volblocksize");
                need(!snapshotName, "zfs: a volume name has no '@'");
                need(!zvols.containsKey(target), "zfs: cannot create '" + target + "': dataset already exists");
                zvols.put(target, Long.parseLong(a.get(3)));
            }
            case "list" -> {
                need(a.size() == 6 && a.subList(2, 5).equals(List.of("-H", "-o", "name")), "zfs: usage: list -H -o name ds");
                if (!zvols.containsKey(target)) {
                    throw new FreeBsdSim.Probe("cannot open '" + target + "': dataset does not exist");
                }
                return target + "\n";
            }
            case "get" -> {
                need(a.size() == 7 && List.of("-H", "-Hp").contains(a.get(2)) && a.get(3).equals("-o")
                        && a.get(4).equals("value") && List.of("volsize", "origin").contains(a.get(5)),
                        "zfs: usage: get -H[p] -o value volsize|origin ds");
                need(zvols.containsKey(target), "zfs: cannot open '" + target + "': dataset does not exist");
                return a.get(a.size() - 2).equals("volsize") ? zvols.get(target) + "\n"
                        : origins.getOrDefault(target, "-") + "\n";
            }
            case "set" -> {
                need(a.size() == 4 && zvols.containsKey(target) && a.get(2).matches("volsize=[1-9][0-9]*")
                        && Long.parseLong(a.get(2).substring(8)) % VOLBLOCKSIZE == 0, "zfs: bad set " + a);
                zvols.put(target, Long.parseLong(a.get(2).substring(8)));
            }
            case "snapshot" -> {
                need(a.size() == 3 && snapshotName, "zfs: usage: snapshot volume@snapname");
                String vol = target.substring(0, target.indexOf('@'));
                need(zvols.containsKey(vol) && !snapshots.containsKey(target), "zfs: cannot snapshot " + target);
                snapshots.put(target, vol);
            }
            case "clone" -> {
                need(a.size() == 4 && !snapshotName, "zfs: usage: clone snapshot volume");
                need(snapshots.containsKey(a.get(2)) && !zvols.containsKey(target), "zfs: cannot clone " + a.get(2));
                zvols.put(target, zvols.get(snapshots.get(a.get(2))));
                origins.put(target, a.get(2));
            }
            case "destroy" -> {
                need(a.size() == 3, "zfs: usage: destroy volume|snapshot");
                if (target.contains("@")) {
                    need(!origins.containsValue(target), "zfs: cannot destroy '" + target + "': snapshot has dependent clones");
                    need(snapshots.remove(target) != null, "zfs: no snapshot " + target);
                } else {
                    need(zvols.containsKey(target), "zfs: cannot open '" + target + "': dataset does not exist");
                    need(!snapshots.containsValue(target), "zfs: cannot destroy '" + target + "': has children");
                    zvols.remove(target);
                    origins.remove(target);
                }
            }
            default -> need(false, "zfs: unknown command " + cmd);
        }
        return "";
    }

    private void touch(String name) {
        try {
            Files.createFile(vmm.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLength(Path p, long size) {
        need(Files.isDirectory(p.getParent()), "No such file or directory: " + p.getParent());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new FreeBsdSim.SimError(e.getMessage());
        }
    }
}
