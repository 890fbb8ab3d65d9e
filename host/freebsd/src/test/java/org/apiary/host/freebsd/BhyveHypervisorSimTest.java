package org.apiary.host.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiary.host.linux.HelperConfigDrives;
import org.apiary.host.linux.ImageCacheDirectory;
import org.apiary.host.linux.QemuSettings;
import org.apiary.host.spi.GuestBootData;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNic;
import org.apiary.host.spi.GuestState;
import org.apiary.privhelper.host.Command;
import org.apiary.host.spi.SnapshotFile;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.apiary.privhelper.ops.GuestStatus;
import org.apiary.privhelper.ops.TapCreate;
import org.apiary.privhelper.ops.TapDelete;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bhyve driver through the real helper service and FreeBSD backend, on the FreeBSD host simulator: every
 * argv the helper builds for the driver's ops is checked against bhyve(8), bhyvectl(8), bhyveload(8),
 * truncate(1), qemu-img(1) and makefs(8) by the simulator, which also refuses impossible sequences (a second
 * bhyve of one VM, bhyvectl on a VM /dev/vmm does not have, a tap that does not exist). Each test ends with no
 * violation and nothing left on the simulated host.
 */
class BhyveHypervisorSimTest {
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444";
    static final String PORT_A = "0123abcd-ef45-4678-9abc-def012345678", PORT_B = "fedcba98-7654-4321-8fed-cba987654321";
    static final String TAP_A = "apt-0123abcdef4", TAP_B = "apt-fedcba98765";
    static final String IMAGE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final long GIB = 1L << 30, MIB = 1L << 20;
    static final String BHYVE = "/usr/sbin/bhyve ", BHYVECTL = "/usr/sbin/bhyvectl ";

    @TempDir
    Path tmp;
    Path disks, guests, image;
    SimulatedFreeBsdHost host;
    BhyveHypervisor driver;

    @BeforeEach
    void hostWithTapsAndAnImage() throws Exception {
        Path root = tmp.toRealPath();
        host = new SimulatedFreeBsdHost(root);
        disks = root.resolve("disks").toRealPath();
        guests = root.resolve("guests").toRealPath();
        Files.createDirectories(disks.resolve("_base"));
        image = disks.resolve("_base").resolve(IMAGE + ".raw");
        Files.write(image, new byte[(int) MIB]);
        // What the network agent does for the guest's two bound ports before (or while) the guest starts.
        host.call(new TapCreate(TAP_A, PORT_A));
        host.call(new TapCreate(TAP_B, PORT_B));
        driver = driver(Duration.ZERO);
    }

    @AfterEach
    void nothingIsLeft() {
        driver.destroy(VM);
        host.call(new TapDelete(TAP_A, PORT_A));
        host.call(new TapDelete(TAP_B, PORT_B));
        assertThat(host.sim.violations()).as("argv or sequences the simulator refused").isEmpty();
        assertThat(host.sim.leftovers()).isEmpty();
        assertThat(disks.resolve(VM)).as("disk_delete of the last disk removes the guest's directory").doesNotExist();
        assertThat(guests.resolve(VM)).doesNotExist();
        driver.close();
    }

    BhyveHypervisor driver(Duration superviseInterval) {
        return new BhyveHypervisor(host, new ImageCacheDirectory(disks.resolve("_base")), new HelperConfigDrives(host),
                new QemuSettings(disks, tmp.resolve("compute"), guests, Duration.ofSeconds(5), Duration.ofMillis(10),
                        superviseInterval));
    }

    static GuestDefinition def(int vcpus, int memoryMb, int rootGb, int ephemeralGb, int swapMb,
            Map<String, String> imageProperties) {
        return new GuestDefinition(VM, "bsd-1", "bsd-1", "p1", vcpus, memoryMb, rootGb, ephemeralGb, swapMb, IMAGE,
                imageProperties, List.of(new GuestNic(PORT_A, "n1", "fa:16:3e:00:00:0a", 1500, List.of("10.0.0.5")),
                        new GuestNic(PORT_B, "n2", "FA:16:3E:00:00:0B", 1450, List.of())),
                new GuestBootData(null, null, null, Map.of(), true, null, 0));
    }

    static GuestDefinition def(int vcpus, int memoryMb, int rootGb) {
        return def(vcpus, memoryMb, rootGb, 0, 0, Map.of());
    }

    /**
     * The simulator's command log from index {@code from} on, without ifconfig(8): the helper reads a tap's tag
     * before each guest_start (network argv are the privhelper scenario tests' subject).
     */
    List<String> logFrom(int from) {
        List<String> log = host.sim.log();
        return log.subList(from, log.size()).stream().filter(l -> !l.startsWith("/sbin/ifconfig ")).toList();
    }

    List<String> bhyveRuns() {
        return host.sim.log().stream().filter(l -> l.startsWith(BHYVE)).toList();
    }

    /** bhyve(8) as the helper runs it for the test guest: slots per the helper's layout, UEFI boot. */
    String uefiArgv(int vcpus, int memoryMb, List<String> diskNames, String firmware) {
        StringBuilder b = new StringBuilder(BHYVE + "-c " + vcpus + " -m " + memoryMb + "M -H -w -u -U " + VM
                + " -s 0,hostbridge");
        for (int i = 0; i < diskNames.size(); i++) {
            b.append(" -s ").append(2 + i).append(",virtio-blk,").append(disks.resolve(VM).resolve(diskNames.get(i)));
        }
        b.append(" -s 10,virtio-net,").append(TAP_A).append(",mac=fa:16:3e:00:00:0a");
        b.append(" -s 11,virtio-net,").append(TAP_B).append(",mac=fa:16:3e:00:00:0b");
        b.append(" -s 20,ahci-cd,").append(disks.resolve(VM).resolve("disk.config"));
        b.append(" -s 31,lpc -l com1,/dev/nmdm0A");
        if (firmware != null) {
            b.append(" -l bootrom,").append(firmware).append(",").append(guests.resolve(VM).resolve("uefi-vars.fd"));
        }
        return b.append(" ").append(VM).toString();
    }

    /** The edk2-bhyve code file the simulated host has (a temporary directory of the simulator's). */
    static String firmware(String bhyveLine) {
        return bhyveLine.split(" -l bootrom,")[1].split(",")[0];
    }

    @Test
    void spawnMakesRawDisksAConfigDriveAndRunsBhyvePerItsManPage() throws Exception {
        GuestInfo info = driver.spawn(def(2, 512, 2, 1, 64, Map.of()));

        assertThat(info.state()).isEqualTo(GuestState.RUNNING);
        Path dir = disks.resolve(VM);
        List<String> made = logFrom(0);
        assertThat(made.get(0)).as("the cached image converted to a raw copy of the guest's own")
                .isEqualTo("/usr/local/bin/qemu-img convert -q -f raw -O raw " + image + " " + dir.resolve("disk"));
        assertThat(made.subList(1, 4)).containsExactly("/usr/bin/truncate -s " + 2 * GIB + " " + dir.resolve("disk"),
                "/usr/bin/truncate -s " + GIB + " " + dir.resolve("disk.local"),
                "/usr/bin/truncate -s " + 64 * MIB + " " + dir.resolve("disk.swap"));
        assertThat(made.get(4)).startsWith("/usr/sbin/makefs -t cd9660 -o rockridge -o label=config-2 ");
        String bhyve = bhyveRuns().get(0);
        assertThat(bhyve).isEqualTo(uefiArgv(2, 512, List.of("disk", "disk.local", "disk.swap"), firmware(bhyve)));
        assertThat(firmware(bhyve)).endsWith("/BHYVE_UEFI.fd");
        assertThat(made.get(made.size() - 1)).as("console_open hands the nmdm B side to the agent group")
                .isEqualTo("/bin/chmod 0660 /dev/nmdm0B");
        assertThat(Files.size(dir.resolve("disk"))).isEqualTo(2 * GIB);
        assertThat(Files.readString(dir.resolve("disk.config"))).startsWith("cd9660 label=CONFIG-2");
        assertThat(guests.resolve(VM).resolve("uefi-vars.fd")).as("the guest's own UEFI variable store").exists();
        assertThat(host.sim.vmExists(VM)).isTrue();
        assertThat(driver.status(VM)).contains(new GuestInfo(VM, GuestState.RUNNING, null));
        assertThat(driver.list()).extracting(GuestInfo::uuid).containsExactly(VM);
        assertThat(driver.consoleOutput(VM)).as("bhyve's serial port goes to nmdm only; nothing logs it").isEmpty();

        int from = host.sim.log().size();
        assertThat(driver.spawn(def(2, 512, 2, 1, 64, Map.of())).state()).as("a known guest: nothing changes")
                .isEqualTo(GuestState.RUNNING);
        assertThat(logFrom(from)).isEmpty();

        from = host.sim.log().size();
        assertThat(driver.destroy(VM)).isTrue();
        assertThat(logFrom(from)).containsExactly(BHYVECTL + "--force-poweroff --vm=" + VM,
                BHYVECTL + "--destroy --vm=" + VM);
        assertThat(host.sim.vmExists(VM)).isFalse();
        assertThat(dir).doesNotExist();
        assertThat(tmp.resolve("compute").resolve(VM + ".json")).doesNotExist();
        assertThat(driver.destroy(VM)).as("a second destroy finds nothing").isFalse();
        assertThat(driver.status(VM)).isEmpty();
    }

    /**
     * createImage on bhyve, which cannot pause a VM: a running guest is shut down cleanly (SIGTERM, bhyve(8)
     * exits 1), its raw disk converted to a new qcow2 file (qemu-img(1) convert -f raw -O qcow2), and started
     * again; a stopped guest is converted and stays stopped. The helper itself refuses to copy a running VM.
     */
    @Test
    void aRunningGuestIsSnapshottedColdAndStartedAgain() throws Exception {
        String snap = "7a7a7a7a-1111-4222-8333-444444444444", snap2 = "7b7b7b7b-1111-4222-8333-444444444444";
        driver.spawn(def(1, 256, 1));
        assertThat(bhyveRuns()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> host.call(new GuestSnapshot(VM, VM + "/disk",
                DiskFormat.RAW, "snapshots/direct.qcow2"))).hasMessageContaining("bhyve cannot pause");
        int from = host.sim.log().size();

        SnapshotFile file = driver.snapshot(VM, snap);

        Path target = disks.resolve("snapshots").resolve(snap + ".qcow2");
        List<String> log = logFrom(from);
        String convert = "/usr/local/bin/qemu-img convert -q -f raw -O qcow2 " + disks.resolve(VM).resolve("disk")
                + " " + target;
        assertThat(log).contains(convert);
        assertThat(log.indexOf(convert)).as("the copy is made between the shutdown and the new bhyve")
                .isLessThan(log.indexOf(bhyveRuns().get(1)));
        assertThat(log.subList(0, log.indexOf(convert))).contains(BHYVECTL + "--destroy --vm=" + VM);
        assertThat(bhyveRuns()).hasSize(2);
        assertThat(bhyveRuns().get(1)).isEqualTo(bhyveRuns().get(0));
        assertThat(driver.status(VM).orElseThrow().state()).isEqualTo(GuestState.RUNNING);
        assertThat(file).isEqualTo(new SnapshotFile(target, "qcow2", Files.size(target)));
        assertThat(Files.size(target)).isEqualTo(Files.size(disks.resolve(VM).resolve("disk")));
        driver.removeSnapshot(file);
        assertThat(target).doesNotExist();

        driver.powerOff(VM, Duration.ofSeconds(5));
        SnapshotFile cold = driver.snapshot(VM, snap2);
        assertThat(bhyveRuns()).as("a stopped guest stays stopped").hasSize(2);
        assertThat(driver.status(VM).orElseThrow().state()).isEqualTo(GuestState.SHUTDOWN);
        driver.removeSnapshot(cold);
    }

    @Test
    void aQcow2ImageIsConvertedToRawOncePerHostAndEachGuestCopiesTheRawFile() throws Exception {
        String qcowImage = "5e5e5e5e-aaaa-4bbb-8ccc-dddddddddddd", vm2 = "0c0c0c0c-2222-4333-8444-555555555555";
        Path base = disks.resolve("_base");
        Path qcow2 = base.resolve(qcowImage + ".qcow2");
        Files.write(qcow2, new byte[(int) (2 * MIB)]);
        GuestDefinition first = new GuestDefinition(VM, "q-1", "q-1", "p1", 1, 256, 1, 0, 0, qcowImage, Map.of(),
                List.of(), new GuestBootData(null, null, null, Map.of(), false, null, 0));
        GuestDefinition second = new GuestDefinition(vm2, "q-2", "q-2", "p1", 1, 256, 1, 0, 0, qcowImage, Map.of(),
                List.of(), new GuestBootData(null, null, null, Map.of(), false, null, 0));

        // Two spawns of the image at once: one waits for the other's conversion.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> driver.spawn(first));
            var b = pool.submit(() -> driver.spawn(second));
            assertThat(a.get().state()).isEqualTo(GuestState.RUNNING);
            assertThat(b.get().state()).isEqualTo(GuestState.RUNNING);
        } finally {
            pool.shutdown();
        }
        Path raw = base.resolve(qcowImage + ".raw");
        List<String> converts = host.sim.log().stream().filter(l -> l.startsWith("/usr/local/bin/qemu-img ")).toList();
        assertThat(converts).as("one qcow2 → raw conversion for the host, then a raw copy per guest")
                .containsExactlyInAnyOrder(
                        "/usr/local/bin/qemu-img convert -q -f qcow2 -O raw " + qcow2 + " " + base.resolve(qcowImage
                                + ".raw.part"),
                        "/usr/local/bin/qemu-img convert -q -f raw -O raw " + raw + " " + disks.resolve(VM).resolve("disk"),
                        "/usr/local/bin/qemu-img convert -q -f raw -O raw " + raw + " " + disks.resolve(vm2).resolve("disk"));
        assertThat(converts.get(0)).as("the conversion comes first").contains("-f qcow2");
        assertThat(raw).as("the raw image is kept in the cache, complete").hasSize(2 * MIB);
        assertThat(base.resolve(qcowImage + ".raw.part")).doesNotExist();
        assertThat(Files.size(disks.resolve(vm2).resolve("disk"))).as("grown to the flavor").isEqualTo(GIB);

        driver.destroy(vm2);
        driver.destroy(VM);
        int from = host.sim.log().size();
        driver.spawn(first);
        assertThat(logFrom(from)).as("a later guest copies the cached raw image: no conversion")
                .filteredOn(l -> l.contains("qemu-img")).containsExactly("/usr/local/bin/qemu-img convert -q -f raw "
                        + "-O raw " + raw + " " + disks.resolve(VM).resolve("disk"));
        assertThat(disks.resolve(vm2)).doesNotExist();
        assertThat(driver.capabilities()).contains("COMPUTE_IMAGE_TYPE_QCOW2", "COMPUTE_IMAGE_TYPE_RAW");
    }

    @Test
    void aConversionCutShortIsRedoneNotUsed() throws Exception {
        String qcowImage = "6f6f6f6f-aaaa-4bbb-8ccc-dddddddddddd";
        Path base = disks.resolve("_base");
        Files.write(base.resolve(qcowImage + ".qcow2"), new byte[(int) MIB]);
        Files.write(base.resolve(qcowImage + ".raw.part"), new byte[10]); // a helper killed mid-conversion
        driver.spawn(new GuestDefinition(VM, "q-1", "q-1", "p1", 1, 256, 0, 0, 0, qcowImage, Map.of(), List.of(),
                new GuestBootData(null, null, null, Map.of(), false, null, 0)));
        assertThat(base.resolve(qcowImage + ".raw")).hasSize(MIB);
        assertThat(base.resolve(qcowImage + ".raw.part")).doesNotExist();
        assertThat(Files.size(disks.resolve(VM).resolve("disk"))).isEqualTo(MIB);
    }

    @Test
    void rebootsPowerCyclesResizeAndRebuild() throws Exception {
        driver.spawn(def(1, 256, 1));
        String first = bhyveRuns().get(0);

        int from = host.sim.log().size();
        assertThat(driver.reboot(VM, true).state()).isEqualTo(GuestState.RUNNING);
        assertThat(logFrom(from)).containsExactly(BHYVECTL + "--force-reset --vm=" + VM,
                BHYVECTL + "--destroy --vm=" + VM, first, "/bin/chmod 0660 /dev/nmdm0B");

        from = host.sim.log().size();
        assertThat(driver.reboot(VM, false).state()).as("soft: SIGTERM (ACPI power button), then a new bhyve")
                .isEqualTo(GuestState.RUNNING);
        assertThat(logFrom(from)).containsExactly(BHYVECTL + "--destroy --vm=" + VM, first,
                "/bin/chmod 0660 /dev/nmdm0B");

        GuestInfo off = driver.powerOff(VM, Duration.ofSeconds(5));
        assertThat(off).isEqualTo(new GuestInfo(VM, GuestState.SHUTDOWN, "exit 1 (poweroff)"));
        assertThat(host.sim.vmExists(VM)).as("bhyvectl --destroy after the exit").isFalse();
        assertThat(driver.powerOn(VM).state()).isEqualTo(GuestState.RUNNING);
        assertThat(bhyveRuns().get(bhyveRuns().size() - 1)).isEqualTo(first);
        from = host.sim.log().size();
        assertThat(driver.powerOff(VM, Duration.ZERO).detail()).isEqualTo("exit 1 (poweroff)");
        assertThat(logFrom(from)).containsExactly(BHYVECTL + "--force-poweroff --vm=" + VM,
                BHYVECTL + "--destroy --vm=" + VM);

        Path dir = disks.resolve(VM);
        from = host.sim.log().size();
        assertThat(driver.resize(def(2, 512, 3, 1, 0, Map.of())).state()).as("a stopped guest stays stopped")
                .isEqualTo(GuestState.SHUTDOWN);
        assertThat(logFrom(from)).containsExactly("/usr/bin/truncate -s " + 3 * GIB + " " + dir.resolve("disk"),
                "/usr/bin/truncate -s " + GIB + " " + dir.resolve("disk.local"));
        assertThat(driver.powerOn(VM).state()).isEqualTo(GuestState.RUNNING);
        String resized = bhyveRuns().get(bhyveRuns().size() - 1);
        assertThat(resized).isEqualTo(uefiArgv(2, 512, List.of("disk", "disk.local"), firmware(first)));

        from = host.sim.log().size();
        assertThat(driver.rebuild(def(2, 512, 3, 1, 0, Map.of())).state()).isEqualTo(GuestState.RUNNING);
        List<String> rebuild = logFrom(from);
        assertThat(rebuild.subList(0, 3)).containsExactly(BHYVECTL + "--destroy --vm=" + VM,
                "/usr/local/bin/qemu-img convert -q -f raw -O raw " + image + " " + dir.resolve("disk"),
                "/usr/bin/truncate -s " + 3 * GIB + " " + dir.resolve("disk"));
        assertThat(rebuild.get(3)).as("the config drive is made again").startsWith("/usr/sbin/makefs ");
        assertThat(rebuild.subList(4, rebuild.size())).containsExactly(resized, "/bin/chmod 0660 /dev/nmdm0B");
        assertThat(Files.size(dir.resolve("disk"))).isEqualTo(3 * GIB);
        assertThat(Files.size(dir.resolve("disk.local"))).as("rebuild keeps the ephemeral disk").isEqualTo(GIB);
    }

    @Test
    void aRebootInsideTheGuestEndsBhyveAndTheDriverStartsItAgain() throws Exception {
        driver.spawn(def(1, 256, 1));
        guestRebootsItself();
        awaitExitRecorded();
        assertThat(driver.list()).extracting(GuestInfo::state).containsExactly(GuestState.RUNNING);
        List<String> runs = bhyveRuns();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        List<String> log = logFrom(0);
        assertThat(log.subList(log.size() - 3, log.size())).as("the VM left /dev/vmm before it ran again")
                .containsExactly(BHYVECTL + "--destroy --vm=" + VM, runs.get(0), "/bin/chmod 0660 /dev/nmdm0B");
    }

    @Test
    void theBackgroundPassRestartsARebootedGuestWithoutAnyCall() throws Exception {
        driver.close();
        driver = driver(Duration.ofMillis(20));
        driver.spawn(def(1, 256, 1));
        guestRebootsItself();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bhyveRuns().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(bhyveRuns()).hasSize(2);
        assertThat(driver.status(VM).orElseThrow().state()).isEqualTo(GuestState.RUNNING);
    }

    @Test
    void freeBsdImagesBootWithBhyveloadAndAnAgentRestartKeepsTheBootMode() {
        driver.spawn(def(1, 256, 1, 0, 0, Map.of("os_type", "freebsd")));
        Path root = disks.resolve(VM).resolve("disk");
        assertThat(host.sim.log()).contains("/usr/sbin/bhyveload -c /dev/nmdm0A -m 256M -d " + root + " " + VM);
        String bhyve = bhyveRuns().get(0);
        assertThat(bhyve).doesNotContain("bootrom").endsWith(" -s 31,lpc -l com1,/dev/nmdm0A " + VM);
        assertThat(guests.resolve(VM).resolve("uefi-vars.fd")).doesNotExist();
        driver.powerOff(VM, Duration.ZERO);

        // A new driver reads the kept spec (the helper's guest_start request, boot mode included) from disk.
        BhyveHypervisor restarted = driver(Duration.ZERO);
        int from = host.sim.log().size();
        assertThat(restarted.powerOn(VM).state()).isEqualTo(GuestState.RUNNING);
        assertThat(logFrom(from)).containsExactly("/usr/sbin/bhyveload -c /dev/nmdm0A -m 256M -d " + root + " " + VM,
                bhyve, "/bin/chmod 0660 /dev/nmdm0B");
        restarted.close();
    }

    @Test
    void aFreeBsdImageThatAsksForUefiGetsTheBootrom() {
        driver.spawn(def(1, 256, 1, 0, 0, Map.of("os_distro", "FreeBSD", "hw_firmware_type", "uefi")));
        assertThat(host.sim.log()).noneMatch(l -> l.startsWith("/usr/sbin/bhyveload"));
        String bhyve = bhyveRuns().get(0);
        assertThat(bhyve).isEqualTo(uefiArgv(1, 256, List.of("disk"), firmware(bhyve)));
    }

    /**
     * A reboot the guest itself asks for ends bhyve with exit status 0 (bhyve(8) EXIT STATUS), exactly as a
     * reset does: the simulated host is told so with bhyvectl --force-reset, from outside the helper and the
     * driver.
     */
    private void guestRebootsItself() {
        assertThat(host.sim.run(Command.of("/usr/sbin/bhyvectl", "--force-reset", "--vm=" + VM)).ok()).isTrue();
    }

    /** Waits until the helper recorded the exit (after its bhyvectl --destroy). */
    private void awaitExitRecorded() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (host.call(new GuestStatus(VM)).path("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(host.call(new GuestStatus(VM)).path("exitMeaning").asText())
                .isEqualTo("reboot");
    }
}
