package org.apiary.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.GuestBootData;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNic;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.privhelper.ops.DiskConvert;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.DiskResize;
import org.apiary.privhelper.ops.GuestDisk;
import org.apiary.privhelper.ops.GuestStart;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuHypervisorTest {
    static final String VM = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    static final String PORT_A = "0123abcd-ef45-4678-9abc-def012345678", PORT_B = "fedcba98-7654-4321-8fed-cba987654321";
    static final String IMAGE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String IMAGE_PATH = "/var/lib/apiary/disks/_base/" + IMAGE + ".qcow2";
    static final long GIB = 1L << 30, MIB = 1L << 20;

    @TempDir
    Path tmp;
    final ScriptedHelper script = new ScriptedHelper();
    final List<String> configDrivesBuilt = new ArrayList<>();

    QemuHypervisor driver(Path stateDir, Duration softTimeout) {
        script.files.add(IMAGE_PATH);
        ConfigDriveBuilder builder = def -> {
            configDrivesBuilt.add(def.uuid());
            script.files.add(GuestLayout.configDrive(def.uuid()));
            return Path.of(GuestLayout.configDrive(def.uuid()));
        };
        return new QemuHypervisor(script.helper, id -> new CachedImage(Path.of(IMAGE_PATH), "qcow2"), builder,
                new QemuSettings(tmp.resolve("disks"), stateDir, null, softTimeout, Duration.ofMillis(5),
                        Duration.ZERO));
    }

    QemuHypervisor driver() {
        return driver(tmp.resolve("state"), Duration.ofSeconds(1));
    }

    static GuestDefinition def(int vcpus, int rootGb, int ephemeralGb, int swapMb) {
        return new GuestDefinition(VM, "web-1", "web-1", "p1", vcpus, 256, rootGb, ephemeralGb, swapMb, IMAGE,
                Map.of(), List.of(new GuestNic(PORT_A, "n1", "fa:16:3e:00:00:0a", 1500, List.of("10.0.0.5")),
                        new GuestNic(PORT_B, "n2", "FA:16:3E:00:00:0B", 1450, List.of())),
                new GuestBootData(null, null, null, Map.of(), false, null, 0));
    }

    @Test
    void spawnCopiesTheImageGrowsItMakesEphemeralAndSwapAttachesTheConfigDriveAndTheTaps() {
        GuestInfo info = driver().spawn(def(2, 2, 1, 512));

        assertThat(info.state()).isEqualTo(GuestState.RUNNING);
        assertThat(script.changes()).containsExactly("disk_delete", "disk_delete", "disk_delete", "disk_delete",
                "disk_convert", "disk_resize", "disk_create", "disk_create", "guest_start", "console_open");
        assertThat(script.calls(DiskDelete.class)).extracting(DiskDelete::path).containsExactly(VM + "/disk",
                VM + "/disk.local", VM + "/disk.swap", VM + "/disk.config");
        assertThat(script.calls(DiskConvert.class)).containsExactly(new DiskConvert(IMAGE_PATH, DiskFormat.QCOW2,
                VM + "/disk", DiskFormat.QCOW2));
        assertThat(script.calls(DiskResize.class)).containsExactly(new DiskResize(VM + "/disk", DiskFormat.QCOW2,
                2 * GIB));
        assertThat(script.calls(DiskCreate.class)).containsExactly(
                new DiskCreate(VM + "/disk.local", DiskFormat.QCOW2, GIB, null),
                new DiskCreate(VM + "/disk.swap", DiskFormat.QCOW2, 512 * MIB, null));
        var spec = script.calls(GuestStart.class).get(0).spec();
        assertThat(spec.name()).isEqualTo(VM);
        assertThat(spec.vcpus()).isEqualTo(2);
        assertThat(spec.memoryMb()).isEqualTo(256);
        assertThat(spec.disks()).containsExactly(new GuestDisk(VM + "/disk", DiskFormat.QCOW2),
                new GuestDisk(VM + "/disk.local", DiskFormat.QCOW2), new GuestDisk(VM + "/disk.swap", DiskFormat.QCOW2));
        assertThat(spec.nics()).extracting(n -> n.tap() + " " + n.mac())
                .containsExactly("apt-0123abcdef4 fa:16:3e:00:00:0a", "apt-fedcba98765 fa:16:3e:00:00:0b");
        assertThat(spec.cdrom()).as("the config drive is attached always").isEqualTo(VM + "/disk.config");
        assertThat(configDrivesBuilt).containsExactly(VM);
    }

    @Test
    void aFlavorWithoutDiskSizesKeepsTheImageSizeAndMakesNoExtraDisks() {
        driver().spawn(def(1, 0, 0, 0));
        assertThat(script.changes()).containsExactly("disk_delete", "disk_delete", "disk_delete", "disk_delete",
                "disk_convert", "guest_start", "console_open");
        assertThat(script.calls(GuestStart.class).get(0).spec().disks()).hasSize(1);
    }

    @Test
    void spawnOfAKnownGuestChangesNothing() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 1, 0, 0));
        int before = script.changes().size();
        GuestInfo again = d.spawn(def(1, 1, 0, 0));
        assertThat(again.state()).isEqualTo(GuestState.RUNNING);
        assertThat(script.changes()).hasSize(before);
    }

    @Test
    void destroyRemovesTheGuestAndEveryDiskAndIsIdempotent() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 1, 1, 64));
        int before = script.helper.calls().size();

        assertThat(d.destroy(VM)).isTrue();
        assertThat(script.changes().subList(script.changes().size() - 5, script.changes().size()))
                .containsExactly("guest_destroy", "disk_delete", "disk_delete", "disk_delete", "disk_delete");
        assertThat(script.files).containsExactly(IMAGE_PATH);
        assertThat(script.guests).isEmpty();
        assertThat(tmp.resolve("state").resolve(VM + ".json")).doesNotExist();
        assertThat(script.helper.calls().size()).isGreaterThan(before);

        assertThat(d.destroy(VM)).as("a second destroy finds nothing and fails on nothing").isFalse();
        assertThat(d.status(VM)).isEmpty();
    }

    @Test
    void aFailedSpawnLeavesNothingBehind() {
        script.startFails = true;
        QemuHypervisor d = driver();
        assertThatThrownBy(() -> d.spawn(def(1, 1, 1, 0))).isInstanceOf(HelperException.class)
                .hasMessageContaining("QEMU did not start");
        assertThat(script.files).containsExactly(IMAGE_PATH);
        assertThat(script.guests).isEmpty();
        script.startFails = false;
        assertThat(d.spawn(def(1, 1, 1, 0)).state()).as("a retry starts from scratch").isEqualTo(GuestState.RUNNING);
    }

    @Test
    void hardRebootResetsAndStartsTheSameSpec() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 1, 0, 0));
        int from = script.changes().size();
        assertThat(d.reboot(VM, true).state()).isEqualTo(GuestState.RUNNING);
        assertThat(script.changes().subList(from, script.changes().size()))
                .containsExactly("guest_reset", "guest_start", "console_open");
        List<GuestStart> starts = script.calls(GuestStart.class);
        assertThat(starts.get(1)).isEqualTo(starts.get(0));
    }

    @Test
    void softRebootAsksTheGuestAndCutsThePowerWhenItDoesNotComply() {
        QemuHypervisor d = driver(tmp.resolve("state"), Duration.ofMillis(30));
        d.spawn(def(1, 1, 0, 0));
        int from = script.changes().size();
        d.reboot(VM, false);
        assertThat(script.changes().subList(from, script.changes().size()))
                .containsExactly("guest_stop", "guest_start", "console_open");

        script.obeysAcpi = false;
        from = script.changes().size();
        assertThat(d.reboot(VM, false).state()).isEqualTo(GuestState.RUNNING);
        assertThat(script.changes().subList(from, script.changes().size()))
                .containsExactly("guest_stop", "guest_poweroff", "guest_start", "console_open");
    }

    @Test
    void powerOffIsCleanFirstThenForcedAndPowerOnStartsTheKeptSpec() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 1, 0, 0));
        int from = script.changes().size();
        GuestInfo off = d.powerOff(VM, Duration.ofSeconds(5));
        assertThat(off.state()).isEqualTo(GuestState.SHUTDOWN);
        assertThat(off.detail()).isEqualTo("exit 0 (poweroff)");
        assertThat(script.changes().subList(from, script.changes().size())).containsExactly("guest_stop");
        assertThat(d.powerOff(VM, Duration.ofSeconds(5)).state()).as("already off").isEqualTo(GuestState.SHUTDOWN);
        assertThat(script.changes()).hasSize(from + 1);

        assertThat(d.powerOn(VM).state()).isEqualTo(GuestState.RUNNING);
        script.obeysAcpi = false;
        from = script.changes().size();
        assertThat(d.powerOff(VM, Duration.ofMillis(20)).detail()).isEqualTo("exit 137 (poweroff)");
        assertThat(script.changes().subList(from, script.changes().size()))
                .containsExactly("guest_stop", "guest_poweroff");
        from = script.changes().size();
        d.powerOff(VM, Duration.ZERO);
        assertThat(script.changes()).as("nothing to do for a stopped guest").hasSize(from);
    }

    @Test
    void anAgentRestartKeepsTheSpecInTheStateDirectory() {
        driver().spawn(def(2, 1, 0, 0));
        driver().powerOff(VM, Duration.ZERO);
        QemuHypervisor restarted = driver();
        assertThat(restarted.powerOn(VM).state()).isEqualTo(GuestState.RUNNING);
        List<GuestStart> starts = script.calls(GuestStart.class);
        assertThat(starts.get(starts.size() - 1)).isEqualTo(starts.get(0));
    }

    @Test
    void withoutStateAPowerOnAfterARestartSaysWhy() {
        driver(null, Duration.ofSeconds(1)).spawn(def(1, 1, 0, 0));
        QemuHypervisor restarted = driver(null, Duration.ofSeconds(1));
        restarted.powerOff(VM, Duration.ZERO);
        assertThatThrownBy(() -> restarted.powerOn(VM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keeps no spec of guest " + VM);
        restarted.spawn(def(1, 1, 0, 0));
        assertThat(restarted.powerOn(VM).state()).as("the definition passed at reconcile is kept")
                .isEqualTo(GuestState.RUNNING);
    }

    @Test
    void aGuestThatRebootedItselfIsStartedAgainUntilItLoops() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 1, 0, 0));
        for (int i = 0; i < QemuHypervisor.RESTART_BUDGET; i++) {
            script.guestRebooted(VM);
            assertThat(d.list()).extracting(GuestInfo::state).containsExactly(GuestState.RUNNING);
        }
        assertThat(script.calls(GuestStart.class)).hasSize(1 + QemuHypervisor.RESTART_BUDGET);
        script.guestRebooted(VM);
        GuestInfo looping = d.status(VM).orElseThrow();
        assertThat(looping.state()).isEqualTo(GuestState.CRASHED);
        assertThat(looping.detail()).contains("boot loop");
        assertThat(script.calls(GuestStart.class)).hasSize(1 + QemuHypervisor.RESTART_BUDGET);
    }

    @Test
    void theBackgroundPassRestartsARebootedGuest() throws Exception {
        script.files.add(IMAGE_PATH);
        try (QemuHypervisor d = new QemuHypervisor(script.helper, id -> new CachedImage(Path.of(IMAGE_PATH),
                "qcow2"), null, new QemuSettings(null, null, null, Duration.ZERO, Duration.ofMillis(5),
                Duration.ofMillis(20)))) {
            d.spawn(def(1, 1, 0, 0));
            assertThat(script.calls(GuestStart.class).get(0).spec().cdrom()).as("no builder, no config drive").isNull();
            synchronized (script.helper) {
                script.guestRebooted(VM);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (script.calls(GuestStart.class).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(script.calls(GuestStart.class)).hasSize(2);
        }
    }

    @Test
    void resizeGrowsDisksNeverShrinksThemAndRestartsWithTheNewSize() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 2, 0, 256));
        int from = script.changes().size();
        GuestInfo info = d.resize(def(4, 4, 2, 128));
        assertThat(info.state()).isEqualTo(GuestState.RUNNING);
        assertThat(script.changes().subList(from, script.changes().size()))
                .containsExactly("guest_stop", "disk_resize", "disk_create", "guest_start", "console_open");
        assertThat(script.calls(DiskResize.class).get(1)).isEqualTo(new DiskResize(VM + "/disk", DiskFormat.QCOW2,
                4 * GIB));
        assertThat(script.calls(DiskCreate.class).get(1)).isEqualTo(new DiskCreate(VM + "/disk.local",
                DiskFormat.QCOW2, 2 * GIB, null));
        var spec = script.calls(GuestStart.class).get(1).spec();
        assertThat(spec.vcpus()).isEqualTo(4);
        assertThat(spec.disks()).extracting(GuestDisk::path).as("the 256 MiB swap disk stays")
                .containsExactly(VM + "/disk", VM + "/disk.local", VM + "/disk.swap");

        d.powerOff(VM, Duration.ZERO);
        from = script.changes().size();
        assertThat(d.resize(def(2, 8, 2, 256)).state()).as("a stopped guest stays stopped")
                .isEqualTo(GuestState.SHUTDOWN);
        assertThat(script.changes().subList(from, script.changes().size())).containsExactly("disk_resize");
    }

    @Test
    void rebuildReplacesTheRootDiskFromTheImageAndStarts() {
        QemuHypervisor d = driver();
        d.spawn(def(1, 3, 0, 0));
        int from = script.changes().size();
        assertThat(d.rebuild(def(1, 3, 0, 0)).state()).isEqualTo(GuestState.RUNNING);
        assertThat(script.changes().subList(from, script.changes().size())).containsExactly("guest_stop",
                "disk_delete", "disk_convert", "disk_resize", "guest_start", "console_open");
        assertThat(configDrivesBuilt).as("the config drive is made again").hasSize(2);
    }

    @Test
    void unknownGuestsAreNotFoundAndBadImagesAreRefused() {
        QemuHypervisor d = driver();
        assertThat(d.status(VM)).isEmpty();
        assertThatThrownBy(() -> d.reboot(VM, true)).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> d.powerOn(VM)).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> d.consoleOutput(VM)).isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> d.resize(def(1, 1, 0, 0))).isInstanceOf(GuestNotFoundException.class);

        QemuHypervisor iso = new QemuHypervisor(script.helper, id -> new CachedImage(Path.of(IMAGE_PATH), "iso"),
                null, QemuSettings.of(null, null, null));
        assertThatThrownBy(() -> iso.spawn(def(1, 1, 0, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disk format 'iso' cannot be booted");
        iso.close();
        assertThat(script.guests).isEmpty();
    }

    @Test
    void consoleOutputReadsTheLogTheHelperNamesAlsoAfterTheGuestStopped() throws Exception {
        Path log = tmp.resolve("console.log");
        Files.writeString(log, "SeaBIOS (version 1.16)\nBooting from Hard Disk...\n");
        script.consoleLog = log;
        QemuHypervisor d = driver();
        d.spawn(def(1, 1, 0, 0));
        assertThat(d.consoleOutput(VM)).contains("Booting from Hard Disk");
        d.powerOff(VM, Duration.ZERO);
        Files.writeString(log, "x".repeat(GuestConsoles.MAX_BYTES) + "last line\n",
                java.nio.file.StandardOpenOption.APPEND);
        String out = d.consoleOutput(VM);
        assertThat(out).endsWith("last line\n").hasSize(GuestConsoles.MAX_BYTES);
    }

    @Test
    void reportsItselfAsQemuWithTheFormatsItBoots() {
        QemuHypervisor d = driver();
        assertThat(d.type()).isEqualTo("QEMU");
        assertThat(d.version()).isEqualTo(7_002_000L);
        assertThat(d.capabilities()).containsExactlyInAnyOrder("COMPUTE_IMAGE_TYPE_RAW", "COMPUTE_IMAGE_TYPE_QCOW2");
        assertThat(d.resources().vcpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.resources().memoryMb()).isPositive();
        assertThat(d.simulated()).isFalse();
    }
}
