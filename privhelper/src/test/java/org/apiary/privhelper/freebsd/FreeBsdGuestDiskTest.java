package org.apiary.privhelper.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bhyve guests and disks against the simulated FreeBSD host: argv per bhyve(8)/bhyvectl(8)/
 * bhyveload(8), /dev/vmm bookkeeping (bhyvectl --destroy after every exit), exit statuses per
 * bhyve(8) EXIT STATUS, raw files via truncate(1) and ZFS volumes via zfs(8).
 */
class FreeBsdGuestDiskTest {
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444", PORT = FreeBsdScenarioTest.PORT;

    @TempDir
    Path tmp;

    final FreeBsdSim sim = new FreeBsdSim();

    FreeBsdBackend backend(String dataset) {
        return sim.backend(new HelperSettings(tmp.resolve("state"), Set.of("em0"), tmp.resolve("disks"),
                tmp.resolve("guests"), dataset, null));
    }

    @Test
    void uefiGuestLifecycleWithExitStatuses() throws Exception {
        FreeBsdBackend b = backend(null);
        b.apply(new DiskCreate(VM + "/disk0.raw", DiskFormat.RAW, 64L << 20, null));
        assertThat(Files.size(tmp.resolve("disks").resolve(VM).resolve("disk0.raw"))).isEqualTo(64L << 20);
        b.apply(new TapCreate("apt-vm1", PORT));
        GuestSpec spec = new GuestSpec(VM, 2, 512, List.of(new GuestDisk(VM + "/disk0.raw", DiskFormat.RAW)),
                List.of(new GuestNic("apt-vm1", Mac.parse("fa:16:3e:00:00:42"))), null, null);
        b.apply(new GuestStart(spec));
        String bhyve = sim.log().stream().filter(l -> l.startsWith("/usr/sbin/bhyve ")).findFirst().orElseThrow();
        Path disks = tmp.resolve("disks").toRealPath(), guests = tmp.resolve("guests").toRealPath();
        assertThat(bhyve).isEqualTo("/usr/sbin/bhyve -c 2 -m 512M -H -w -u -U " + VM + " -s 0,hostbridge -s 2,virtio-blk,"
                + disks.resolve(VM).resolve("disk0.raw") + " -s 10,virtio-net,apt-vm1,mac=fa:16:3e:00:00:42 -s 31,lpc "
                + "-l com1,/dev/nmdm0A -l bootrom," + bhyve.split("bootrom,")[1].split(",")[0] + ","
                + guests.resolve(VM).resolve("uefi-vars.fd") + " " + VM);
        assertThat(guests.resolve(VM).resolve("uefi-vars.fd")).exists();
        refused(() -> b.apply(new GuestStart(spec)), ErrorCode.CONFLICT);
        assertThat(b.apply(new GuestStatus(VM)).get("running").asBoolean()).isTrue();
        assertThat(b.apply(new ConsoleOpen(VM)).get("device").asText()).isEqualTo("/dev/nmdm0B");

        JsonNode reset = b.apply(new GuestReset(VM));
        assertThat(reset.get("exitCode").asInt()).isZero();
        assertThat(reset.get("exitMeaning").asText()).isEqualTo("reboot");
        assertThat(sim.vmExists(VM)).isFalse(); // bhyvectl --destroy ran after the exit

        b.apply(new GuestStart(spec));
        b.apply(new GuestStop(VM)); // SIGTERM: ACPI power button; the simulated guest powers off
        waitStopped(b);
        assertThat(b.apply(new GuestStatus(VM)).get("exitMeaning").asText()).isEqualTo("poweroff");

        b.apply(new GuestStart(spec));
        assertThat(b.apply(new GuestPoweroff(VM)).get("exitCode").asInt()).isEqualTo(1);
        assertThat(b.apply(new ListTagged()).get("guests").toString()).isEqualTo("[{\"name\":\"" + VM + "\",\"owner\":\""
                + VM + "\",\"running\":false}]");
        b.apply(new GuestStart(spec));
        b.apply(new GuestDestroy(VM));
        assertThat(guests.resolve(VM)).doesNotExist();
        assertThat(b.apply(new GuestList()).get("guests")).isEmpty();
        b.apply(new DiskDelete(VM + "/disk0.raw"));
        b.apply(new TapDelete("apt-vm1", PORT));

        assertThat(sim.log()).contains("/usr/sbin/bhyvectl --force-reset --vm=" + VM,
                "/usr/sbin/bhyvectl --force-poweroff --vm=" + VM, "/usr/sbin/bhyvectl --destroy --vm=" + VM);
        assertThat(sim.violations()).isEmpty();
        assertThat(sim.leftovers()).isEmpty();
    }

    @Test
    void bhyveloadGuestOnAZfsCloneAndDiskRules() {
        FreeBsdBackend b = backend("zroot/apiary");
        b.apply(new DiskCreate("zvol/base", DiskFormat.RAW, 1L << 30, null));
        b.apply(new DiskCreate("zvol/vm1", DiskFormat.RAW, 2L << 30, "zvol/base"));
        b.apply(new DiskResize("zvol/vm1", DiskFormat.RAW, 3L << 30));
        refused(() -> b.apply(new DiskResize("zvol/vm1", DiskFormat.RAW, 1L << 30)), ErrorCode.INVALID_ARGUMENT);
        refused(() -> b.apply(new DiskCreate("a.qcow2", DiskFormat.QCOW2, 1L << 20, null)), ErrorCode.INVALID_ARGUMENT);
        GuestSpec spec = new GuestSpec(VM, 1, 256, List.of(new GuestDisk("zvol/vm1", DiskFormat.RAW)), List.of(), null,
                GuestSpec.Boot.BHYVELOAD);
        b.apply(new GuestStart(spec));
        assertThat(sim.log()).contains("/usr/sbin/bhyveload -c /dev/nmdm0A -m 256M -d /dev/zvol/zroot/apiary/vm1 " + VM);
        b.apply(new GuestDestroy(VM));
        refused(() -> b.apply(new GuestStart(new GuestSpec(VM, 1, 256, List.of(new GuestDisk("zvol/vm1",
                DiskFormat.QCOW2)), List.of(), null, null))), ErrorCode.INVALID_ARGUMENT);
        refused(() -> b.apply(new GuestStart(new GuestSpec(VM, 1, 256, List.of(), List.of(new GuestNic("apt-none",
                Mac.parse("fa:16:3e:00:00:01"))), null, null))), ErrorCode.CONFLICT);

        // qcow2 from elsewhere becomes a raw file, converted with both formats explicit.
        b.apply(new DiskCreate("img/src.raw", DiskFormat.RAW, 8L << 20, null));
        b.apply(new DiskConvert("img/src.raw", DiskFormat.QCOW2, "img/out.raw", DiskFormat.RAW));
        assertThat(sim.log()).anyMatch(l -> l.startsWith("/usr/local/bin/qemu-img convert -q -f qcow2 -O raw "));
        b.apply(new DiskDelete("img/out.raw"));
        b.apply(new DiskDelete("img/src.raw"));
        b.apply(new DiskDelete("zvol/vm1"));
        b.apply(new DiskDelete("zvol/base"));
        assertThat(sim.violations()).isEmpty();
        assertThat(sim.leftovers()).isEmpty();
    }

    @Test
    void deletingAGuestsLastDiskRemovesItsDirectoryAndNothingElse() throws Exception {
        FreeBsdBackend b = backend(null);
        Path disks = tmp.resolve("disks").toRealPath();
        b.apply(new DiskCreate(VM + "/disk", DiskFormat.RAW, 1L << 20, null));
        b.apply(new DiskCreate(VM + "/disk.local", DiskFormat.RAW, 1L << 20, null));
        b.apply(new DiskCreate("_base/image.raw", DiskFormat.RAW, 1L << 20, null));
        b.apply(new DiskCreate("_base/other.raw", DiskFormat.RAW, 1L << 20, null));

        b.apply(new DiskDelete(VM + "/disk"));
        assertThat(disks.resolve(VM)).as("one disk left: the directory stays").isDirectory();
        b.apply(new DiskDelete(VM + "/disk.local"));
        assertThat(disks.resolve(VM)).as("the guest's last disk took its directory along").doesNotExist();
        assertThat(b.apply(new DiskDelete(VM + "/disk.local")).get("changed").asBoolean()).as("gone: no change")
                .isFalse();

        b.apply(new DiskDelete("_base/image.raw"));
        b.apply(new DiskDelete("_base/other.raw"));
        assertThat(disks.resolve("_base")).as("not a guest directory: the image cache stays, empty")
                .isEmptyDirectory();
        Files.createDirectories(disks.resolve(VM).resolve("keep"));
        b.apply(new DiskCreate(VM + "/disk", DiskFormat.RAW, 1L << 20, null));
        b.apply(new DiskDelete(VM + "/disk"));
        assertThat(disks.resolve(VM).resolve("keep")).as("a directory that is not empty stays").isDirectory();
        assertThat(disks).isDirectory();
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void simulatorModelsDevVmm() {
        assertThat(sim.run(org.apiary.privhelper.host.Command.of("/usr/sbin/bhyvectl", "--destroy", "--vm=nope")).ok())
                .isFalse();
        assertThat(sim.violations()).hasSize(1);
    }

    private void waitStopped(FreeBsdBackend b) throws InterruptedException {
        for (int i = 0; i < 100 && b.apply(new GuestStatus(VM)).get("running").asBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(b.apply(new GuestStatus(VM)).get("running").asBoolean()).isFalse();
    }

    private static void refused(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HelperException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
