package org.apiary.host.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiary.host.linux.HelperConfigDrives;
import org.apiary.host.linux.ImageCacheDirectory;
import org.apiary.host.linux.QemuSettings;
import org.apiary.host.spi.GuestBootData;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.SnapshotFile;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bhyve driver with the helper's {@code [helper] zfs_dataset} set, on the FreeBSD host simulator: each image
 * is written once per host into a base ZFS volume, every guest's root disk is a clone of it grown to the flavor,
 * ephemeral and swap disks are plain volumes, bhyve opens them as /dev/zvol/DATASET/NAME, and a destroy removes
 * the clones and their origin snapshots but keeps the base. Every zfs(8) argv is checked against its SYNOPSIS
 * (by the simulator, and once more here).
 */
class BhyveZfsVolumesSimTest {
    static final String DS = "tank/apiary";
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444", VM2 = "0c0c0c0c-2222-4333-8444-555555555555";
    static final String IMAGE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String BASE = DS + "/base-" + IMAGE;
    static final long GIB = 1L << 30, MIB = 1L << 20;
    static final String ZFS = "/sbin/zfs ", QEMU_IMG = "/usr/local/bin/qemu-img ";

    /** zfs(8) SYNOPSIS lines, in the forms the helper uses, for names under our dataset. */
    static final String NAME = Pattern.quote(DS) + "/[a-z0-9][a-z0-9._-]*";
    static final List<Pattern> ZFS_SYNOPSIS = List.of(
            Pattern.compile("/sbin/zfs create -V [1-9][0-9]* " + NAME),
            Pattern.compile("/sbin/zfs list -H -o name " + NAME),
            Pattern.compile("/sbin/zfs get -Hp -o value volsize " + NAME),
            Pattern.compile("/sbin/zfs get -H -o value origin " + NAME),
            Pattern.compile("/sbin/zfs set volsize=[1-9][0-9]* " + NAME),
            Pattern.compile("/sbin/zfs snapshot " + NAME + "@apiary-clone-[a-z0-9._-]+"),
            Pattern.compile("/sbin/zfs clone " + NAME + "@apiary-clone-[a-z0-9._-]+ " + NAME),
            Pattern.compile("/sbin/zfs destroy " + NAME + "(@apiary-clone-[a-z0-9._-]+)?"));

    @TempDir
    Path tmp;
    Path disks, image, state;
    SimulatedFreeBsdHost host;
    BhyveHypervisor driver;

    @BeforeEach
    void hostWithADatasetAndAnImage() throws Exception {
        Path root = tmp.toRealPath();
        host = new SimulatedFreeBsdHost(root, DS);
        disks = root.resolve("disks").toRealPath();
        state = root.resolve("compute");
        Files.createDirectories(disks.resolve("_base"));
        image = disks.resolve("_base").resolve(IMAGE + ".raw");
        Files.write(image, new byte[(int) (3 * MIB / 2)]); // 1.5 MiB: the base volume is rounded up to 2 MiB
        driver = driver();
    }

    @AfterEach
    void nothingIsLeftButTheBaseWhichAnOperatorMayRemove() {
        driver.destroy(VM);
        driver.destroy(VM2);
        assertThat(host.sim.leftovers()).as("the base volume outlives its guests").containsExactly("zvol " + BASE);
        host.call(new DiskDelete("zvol/base-" + IMAGE));
        assertThat(host.sim.violations()).as("argv or sequences the simulator refused").isEmpty();
        assertThat(host.sim.leftovers()).isEmpty();
        assertThat(zfsLines()).as("every zfs(8) argv in a SYNOPSIS form")
                .allMatch(l -> ZFS_SYNOPSIS.stream().anyMatch(p -> p.matcher(l).matches()));
        assertThat(disks.resolve(VM)).doesNotExist();
        driver.close();
    }

    BhyveHypervisor driver() {
        return new BhyveHypervisor(host, new ImageCacheDirectory(disks.resolve("_base")), new HelperConfigDrives(host),
                new QemuSettings(disks, state, tmp.resolve("guests"), Duration.ofSeconds(5), Duration.ofMillis(10),
                        Duration.ZERO));
    }

    static GuestDefinition def(String uuid, int rootGb, int ephemeralGb, int swapMb) {
        return new GuestDefinition(uuid, "z-" + uuid.charAt(1), "z", "p1", 1, 256, rootGb, ephemeralGb, swapMb, IMAGE,
                Map.of(), List.of(), new GuestBootData(null, null, null, Map.of(), true, null, 0));
    }

    List<String> zfsLines() {
        return host.sim.log().stream().filter(l -> l.startsWith(ZFS)).toList();
    }

    List<String> logFrom(int from) {
        List<String> log = host.sim.log();
        return log.subList(from, log.size());
    }

    static String dev(String name) {
        return "/dev/zvol/" + DS + "/" + name;
    }

    @Test
    void twoGuestsOfOneImageCloneOneBaseVolumeWrittenOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> driver.spawn(def(VM, 2, 1, 64)));
            var b = pool.submit(() -> driver.spawn(def(VM2, 1, 0, 0)));
            assertThat(a.get().state()).isEqualTo(GuestState.RUNNING);
            assertThat(b.get().state()).isEqualTo(GuestState.RUNNING);
        } finally {
            pool.shutdown();
        }

        List<String> zfs = zfsLines();
        assertThat(zfs).as("one base volume, of the image's size in whole MiB")
                .filteredOn(l -> l.startsWith(ZFS + "create") && l.contains("/base-"))
                .containsExactly(ZFS + "create -V " + 2 * MIB + " " + BASE);
        assertThat(host.sim.log()).as("written once, into the volume's device (-n: qemu-img does not create it)")
                .filteredOn(l -> l.startsWith(QEMU_IMG)).containsExactly(QEMU_IMG + "convert -q -f raw -O raw -n "
                        + image + " " + dev("base-" + IMAGE));
        for (String vm : List.of(VM, VM2)) {
            String snap = BASE + "@apiary-clone-" + vm + "-disk";
            assertThat(zfs).containsSubsequence(ZFS + "snapshot " + snap, ZFS + "clone " + snap + " " + DS + "/" + vm
                    + "-disk");
        }
        assertThat(zfs).as("each clone grown to its flavor's root disk").contains(
                ZFS + "set volsize=" + 2 * GIB + " " + DS + "/" + VM + "-disk",
                ZFS + "set volsize=" + GIB + " " + DS + "/" + VM2 + "-disk");
        assertThat(zfs).as("ephemeral and swap: plain volumes").contains(
                ZFS + "create -V " + GIB + " " + DS + "/" + VM + "-disk.local",
                ZFS + "create -V " + 64 * MIB + " " + DS + "/" + VM + "-disk.swap");
        assertThat(zfs.indexOf(ZFS + "create -V " + 2 * MIB + " " + BASE)).as("the base before any clone")
                .isLessThan(zfs.indexOf(ZFS + "snapshot " + BASE + "@apiary-clone-" + VM + "-disk"));

        String bhyve = host.sim.log().stream().filter(l -> l.startsWith("/usr/sbin/bhyve ") && l.endsWith(" " + VM))
                .findFirst().orElseThrow();
        assertThat(bhyve).contains(" -s 2,virtio-blk," + dev(VM + "-disk") + " -s 3,virtio-blk," + dev(VM
                + "-disk.local") + " -s 4,virtio-blk," + dev(VM + "-disk.swap") + " -s 20,ahci-cd,"
                + disks.resolve(VM).resolve("disk.config") + " ");
        assertThat(disks.resolve(VM).resolve("disk")).as("no root disk file").doesNotExist();
        assertThat(state.resolve("base-volumes").resolve(IMAGE)).as("the written base is recorded")
                .hasContent(2 * MIB + "\n");

        int from = host.sim.log().size();
        assertThat(driver.destroy(VM)).isTrue();
        assertThat(logFrom(from)).as("the clone and its origin snapshot go; the base stays").contains(
                ZFS + "destroy " + DS + "/" + VM + "-disk",
                ZFS + "destroy " + BASE + "@apiary-clone-" + VM + "-disk",
                ZFS + "destroy " + DS + "/" + VM + "-disk.local",
                ZFS + "destroy " + DS + "/" + VM + "-disk.swap").noneMatch(l -> l.equals(ZFS + "destroy " + BASE));
        assertThat(host.sim.leftovers()).filteredOn(l -> l.startsWith("zvol ") || l.startsWith("snapshot "))
                .containsExactlyInAnyOrder("zvol " + BASE, "snapshot " + BASE + "@apiary-clone-" + VM2 + "-disk",
                        "zvol " + DS + "/" + VM2 + "-disk");

        // A later guest, also of a new agent (the record is on disk): no write, a clone only.
        driver.destroy(VM2);
        driver.close();
        driver = driver();
        from = host.sim.log().size();
        driver.spawn(def(VM, 1, 0, 0));
        assertThat(logFrom(from)).noneMatch(l -> l.startsWith(QEMU_IMG))
                .noneMatch(l -> l.startsWith(ZFS + "create -V") && l.contains("base-"))
                .contains(ZFS + "clone " + BASE + "@apiary-clone-" + VM + "-disk " + DS + "/" + VM + "-disk");
    }

    /**
     * Resize grows the root clone (zfs set volsize), rebuild replaces it with a new clone of the base, and
     * createImage reads the volume's device (bhyve cannot pause: the guest is stopped around the copy).
     */
    @Test
    void resizeGrowsRebuildReclonesAndSnapshotReadsTheDevice() throws Exception {
        driver.spawn(def(VM, 1, 0, 0));
        int from = host.sim.log().size();
        driver.resize(def(VM, 3, 1, 0));
        assertThat(logFrom(from)).filteredOn(l -> l.startsWith(ZFS + "set") || l.startsWith(ZFS + "create"))
                .containsExactly(ZFS + "set volsize=" + 3 * GIB + " " + DS + "/" + VM + "-disk",
                        ZFS + "create -V " + GIB + " " + DS + "/" + VM + "-disk.local");

        from = host.sim.log().size();
        assertThat(driver.rebuild(def(VM, 3, 1, 0)).state()).isEqualTo(GuestState.RUNNING);
        String snap = BASE + "@apiary-clone-" + VM + "-disk";
        assertThat(logFrom(from)).filteredOn(l -> l.startsWith(ZFS) && !l.startsWith(ZFS + "list")
                && !l.startsWith(ZFS + "get")).containsExactly(ZFS + "destroy " + DS + "/" + VM + "-disk",
                        ZFS + "destroy " + snap, ZFS + "snapshot " + snap, ZFS + "clone " + snap + " " + DS + "/" + VM
                                + "-disk", ZFS + "set volsize=" + 3 * GIB + " " + DS + "/" + VM + "-disk");
        assertThat(logFrom(from)).noneMatch(l -> l.startsWith(QEMU_IMG));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> host.call(new GuestSnapshot(VM, "zvol/" + VM2
                + "-disk", DiskFormat.RAW, "snapshots/x.qcow2"))).as("only the guest's own volumes")
                .hasMessageContaining("must be one of the guest's own disks");
        SnapshotFile file = driver.snapshot(VM, "7a7a7a7a-1111-4222-8333-444444444444");
        assertThat(host.sim.log()).contains(QEMU_IMG + "convert -q -f raw -O qcow2 " + dev(VM + "-disk") + " "
                + file.path());
        assertThat(file.sizeBytes()).isEqualTo(Files.size(file.path()));
        assertThat(driver.status(VM).orElseThrow().state()).isEqualTo(GuestState.RUNNING);
        driver.removeSnapshot(file);
        assertThat(file.path()).doesNotExist();
    }

    @Test
    void anUnrecordedBaseIsRewrittenAndALostOneWrittenAgain() {
        // A base volume an agent killed mid-write left: it exists, but was never recorded complete.
        host.call(new DiskCreate("zvol/base-" + IMAGE, DiskFormat.RAW, 2 * MIB, null));
        int from = host.sim.log().size();
        driver.spawn(def(VM, 1, 0, 0));
        assertThat(logFrom(from)).containsSubsequence(ZFS + "destroy " + BASE, ZFS + "create -V " + 2 * MIB + " "
                + BASE, QEMU_IMG + "convert -q -f raw -O raw -n " + image + " " + dev("base-" + IMAGE),
                ZFS + "snapshot " + BASE + "@apiary-clone-" + VM + "-disk");
        driver.destroy(VM);

        // Recorded, then destroyed behind the driver's back: the clone is refused, the base written again.
        host.call(new DiskDelete("zvol/base-" + IMAGE));
        from = host.sim.log().size();
        driver.spawn(def(VM, 1, 0, 0));
        assertThat(logFrom(from)).containsSubsequence(ZFS + "create -V " + 2 * MIB + " " + BASE,
                QEMU_IMG + "convert -q -f raw -O raw -n " + image + " " + dev("base-" + IMAGE),
                ZFS + "clone " + BASE + "@apiary-clone-" + VM + "-disk " + DS + "/" + VM + "-disk");
        assertThat(driver.status(VM).orElseThrow().state()).isEqualTo(GuestState.RUNNING);
    }
}
