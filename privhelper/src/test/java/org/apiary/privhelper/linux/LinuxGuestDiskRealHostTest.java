package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.ops.*;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;

/**
 * Disks and a QEMU guest for real on this Linux host, as root: qemu-img create/convert/resize, a
 * guest with an empty raw disk on a tagged tap (no OS: the firmware keeps it running), its
 * console, reset (QEMU -no-reboot exits; recorded as a reboot), power-off, destroy, and nothing
 * left afterwards. Skipped unless root with ip, qemu-system-x86_64 and qemu-img.
 */
class LinuxGuestDiskRealHostTest {
    private static final String IP = "/usr/sbin/ip";

    @Test
    void diskLifecycleAndATinyGuest() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(Path.of(IP)) && Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))
                && Files.isExecutable(Path.of("/usr/bin/qemu-img")), "needs ip, qemu-system-x86_64, qemu-img");
        Path work = Files.createTempDirectory("apiary-guest-it");
        String tap = "apt-g" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        String vm = UUID.randomUUID().toString(), port = UUID.randomUUID().toString();
        LinuxBackend b = new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(), new HelperSettings(
                work.resolve("state"), Set.of(), work.resolve("disks"), work.resolve("guests"), null, null));
        try {
            // Disks: qcow2 → raw → grown; shrinking, traversal and symlink escapes refused.
            b.apply(new DiskCreate("img/base.qcow2", DiskFormat.QCOW2, 64L << 20, null));
            assertThat(sh("/usr/bin/qemu-img", "info", "-f", "qcow2", work.resolve("disks/img/base.qcow2").toString()))
                    .contains("file format: qcow2", "virtual size: 64 MiB");
            JsonNode conv = b.apply(new DiskConvert("img/base.qcow2", DiskFormat.QCOW2, work.resolve("disks")
                    + "/" + vm + "/disk0.raw", DiskFormat.RAW));
            Path raw = Path.of(conv.get("path").asText());
            assertThat(Files.size(raw)).isEqualTo(64L << 20);
            b.apply(new DiskResize(vm + "/disk0.raw", DiskFormat.RAW, 128L << 20));
            assertThat(Files.size(raw)).isEqualTo(128L << 20);
            b.apply(new DiskResize("img/base.qcow2", DiskFormat.QCOW2, 96L << 20));
            assertThat(sh("/usr/bin/qemu-img", "info", "-f", "qcow2", work.resolve("disks/img/base.qcow2").toString()))
                    .contains("virtual size: 96 MiB");
            refused(() -> b.apply(new DiskResize(vm + "/disk0.raw", DiskFormat.RAW, 64L << 20)),
                    ErrorCode.INVALID_ARGUMENT);
            Files.createSymbolicLink(work.resolve("disks/escape"), Path.of("/etc"));
            refused(() -> b.apply(new DiskCreate("escape/x.raw", DiskFormat.RAW, 1L << 20, null)),
                    ErrorCode.INVALID_ARGUMENT);
            refused(() -> b.apply(new DiskDelete("/etc/hostname")), ErrorCode.INVALID_ARGUMENT);
            refused(() -> b.apply(new DiskCreate("img/base.qcow2", DiskFormat.RAW, 1L << 20, null)), ErrorCode.CONFLICT);
            assertThat(Files.exists(Path.of("/etc/x.raw"))).isFalse();

            // A guest on a tap we tagged; an untagged tap is refused.
            b.apply(new TapCreate(tap, port));
            GuestSpec spec = new GuestSpec(vm, 1, 128, List.of(new GuestDisk(vm + "/disk0.raw", DiskFormat.RAW)),
                    List.of(new GuestNic(tap, Mac.parse("fa:16:3e:12:34:56"))), null, null);
            JsonNode started = b.apply(new GuestStart(spec));
            long pid = started.get("pid").asLong();
            assertThat(Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")))
                    .contains("-no-reboot", "-nodefaults", "ifname=" + tap, "mac=fa:16:3e:12:34:56", vm);
            refused(() -> b.apply(new GuestStart(spec)), ErrorCode.CONFLICT);
            assertThat(b.apply(new GuestStatus(vm)).get("running").asBoolean()).isTrue();
            assertThat(b.apply(new GuestList()).get("guests")).anyMatch(g -> g.get("name").asText().equals(vm));
            assertThat(b.apply(new ListTagged()).get("guests").toString()).contains("\"name\":\"" + vm + "\"",
                    "\"running\":true");
            JsonNode console = b.apply(new ConsoleOpen(vm));
            assertThat(Path.of(console.get("socket").asText())).exists();
            assertThat(Path.of(console.get("log").asText())).exists();
            assertThat(sh("/usr/bin/stat", "-c", "%a", console.get("socket").asText()).strip()).isEqualTo("660");

            b.apply(new GuestStop(vm)); // ACPI button: with no OS nobody answers it, so it keeps running
            assertThat(b.apply(new GuestStatus(vm)).get("running").asBoolean()).isTrue();
            JsonNode afterReset = b.apply(new GuestReset(vm));
            assertThat(afterReset.get("running").asBoolean()).isFalse();
            assertThat(afterReset.get("exitMeaning").asText()).isEqualTo("reboot");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            long pid2 = b.apply(new GuestStart(spec)).get("pid").asLong();
            JsonNode off = b.apply(new GuestPoweroff(vm));
            assertThat(off.get("exitMeaning").asText()).isEqualTo("poweroff");
            assertThat(ProcessHandle.of(pid2).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(b.apply(new GuestStatus(vm)).get("exitCode").asInt()).isEqualTo(137);

            b.apply(new GuestDestroy(vm));
            assertThat(work.resolve("guests").resolve(vm)).doesNotExist();
            refused(() -> b.apply(new GuestStatus(vm)), ErrorCode.CONFLICT);
            b.apply(new DiskDelete(vm + "/disk0.raw"));
            b.apply(new DiskDelete("img/base.qcow2"));
            assertThat(raw).doesNotExist();
            b.apply(new TapDelete(tap, port));
            assertThat(sh("/usr/bin/pgrep", "-f", vm)).isBlank();
        } finally {
            sh("/usr/bin/pkill", "-KILL", "-f", "qemu-system-x86_64 -name " + vm);
            sh(IP, "link", "del", "dev", tap);
        }
    }

    private static void refused(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HelperException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    private static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return s;
    }
}
