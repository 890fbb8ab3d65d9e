package org.apiary.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.GuestBootData;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNic;
import org.apiary.host.spi.GuestState;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.linux.LinuxBackend;
import org.apiary.privhelper.linux.LinuxBinaries;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestReset;
import org.apiary.privhelper.ops.GuestStatus;
import org.apiary.privhelper.ops.TapCreate;
import org.apiary.privhelper.ops.TapDelete;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.apiary.privhelper.server.AuditLog;
import org.apiary.privhelper.server.HelperService;
import org.apiary.privhelper.server.Peer;
import org.junit.jupiter.api.Test;

/**
 * The driver against the real Linux helper backend, in process, as root: a guest whose image is an empty
 * raw disk (no OS: QEMU stays in its firmware, which is enough to run, reset and power it off), copied to a
 * qcow2 root disk and grown, with a cdrom and a NIC on a tagged tap named after its port. Every call goes
 * through the helper's request handling (wire format, validation, audit), as from the socket. Skipped unless
 * root with ip, qemu-system-x86_64 and qemu-img; only the tap and the temporary tree this test makes are
 * touched.
 */
class QemuRealHostTest {
    private static final String IP = "/usr/sbin/ip", QEMU = "/usr/bin/qemu-system-x86_64";

    @Test
    void bootsPowersAndDestroysARealQemuGuestThroughTheHelper() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root (the helper runs in process)");
        assumeTrue(Files.isExecutable(Path.of(IP)) && Files.isExecutable(Path.of(QEMU))
                && Files.isExecutable(Path.of("/usr/bin/qemu-img")), "skipped: needs ip, " + QEMU + " and qemu-img");
        Path work = Files.createTempDirectory("apiary-qemu-driver-it");
        String vm = UUID.randomUUID().toString(), port = UUID.randomUUID().toString();
        String image = UUID.randomUUID().toString();
        String tap = GuestLayout.tap(port);
        List<String> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
        HelperService service = new HelperService(new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(),
                new HelperSettings(work.resolve("state"), Set.of(), work.resolve("disks"), work.resolve("guests"), null,
                        null)), new AuditLog(audit::add));
        PrivilegedHelper helper = op -> reply(service.handle(new Peer("root", "root"), Wire.request(op)));
        // Stands in for the config drive builder (a separate helper operation): a blank disk as the cdrom.
        ConfigDriveBuilder blankCdrom = def -> {
            helper.call(new DiskCreate(GuestLayout.configDrive(def.uuid()), DiskFormat.RAW, 1L << 20, null));
            return Path.of(GuestLayout.configDrive(def.uuid()));
        };
        try (QemuHypervisor driver = new QemuHypervisor(helper,
                new ImageCacheDirectory(work.resolve("disks").resolve("_base")), blankCdrom,
                new QemuSettings(work.resolve("disks"), work.resolve("agent"), work.resolve("guests"),
                        Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ZERO))) {
            helper.call(new DiskCreate("_base/" + image + ".raw", DiskFormat.RAW, 16L << 20, null));
            helper.call(new TapCreate(tap, port));
            GuestDefinition def = new GuestDefinition(vm, "it", "it", "p", 1, 128, 1, 0, 0, image, Map.of(),
                    List.of(new GuestNic(port, UUID.randomUUID().toString(), "fa:16:3e:5a:00:01", 1500, List.of())),
                    GuestBootData.NONE);

            assertThat(driver.spawn(def).state()).isEqualTo(GuestState.RUNNING);
            String cmdline = cmdline(helper, vm);
            assertThat(cmdline).contains("-no-reboot", "ifname=" + tap, "mac=fa:16:3e:5a:00:01",
                    vm + "/disk,format=qcow2", vm + "/disk.config,format=raw,media=cdrom");
            assertThat(qemuImgInfo(work.resolve("disks").resolve(vm).resolve("disk")))
                    .contains("file format: qcow2", "virtual size: 1 GiB");
            assertThat(driver.spawn(def).state()).as("idempotent").isEqualTo(GuestState.RUNNING);
            assertThat(driver.list()).extracting(GuestInfo::uuid).contains(vm);
            assertThat(driver.consoleOutput(vm)).isNotNull();

            long pid = helper.call(new GuestStatus(vm)).get("pid").asLong();
            assertThat(driver.reboot(vm, true).state()).isEqualTo(GuestState.RUNNING);
            assertThat(helper.call(new GuestStatus(vm)).get("pid").asLong()).as("a new QEMU").isNotEqualTo(pid);

            // No OS answers the ACPI button, so the power is cut after the clean timeout.
            GuestInfo off = driver.powerOff(vm, Duration.ofMillis(500));
            assertThat(off.state()).isEqualTo(GuestState.SHUTDOWN);
            assertThat(off.detail()).contains("poweroff");
            assertThat(driver.powerOn(vm).state()).isEqualTo(GuestState.RUNNING);

            // What an in-guest reboot leaves (QEMU exits, recorded as reboot): the driver starts it again.
            helper.call(new GuestReset(vm));
            assertThat(driver.status(vm).orElseThrow().state()).isEqualTo(GuestState.RUNNING);

            assertThat(driver.destroy(vm)).isTrue();
            assertThat(driver.destroy(vm)).isFalse();
            assertThat(driver.status(vm)).isEmpty();
            assertThat(sh("/usr/bin/pgrep", "-f", "qemu-system-x86_64 -name " + vm)).isBlank();
            assertThat(work.resolve("guests").resolve(vm)).doesNotExist();
            assertThat(work.resolve("disks").resolve(vm)).as("every disk of the guest is gone, and its directory")
                    .doesNotExist();
            assertThat(audit).anyMatch(l -> l.contains("guest_start") && l.contains(vm));
        } finally {
            sh("/usr/bin/pkill", "-KILL", "-f", "qemu-system-x86_64 -name " + vm);
            try {
                helper.call(new TapDelete(tap, port));
            } catch (HelperException e) {
                sh(IP, "link", "del", "dev", tap);
            }
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The helper's reply frame as the socket client reads it. */
    private static JsonNode reply(byte[] body) {
        try {
            JsonNode n = Wire.MAPPER.readTree(body);
            if (n.path("ok").asBoolean(false)) {
                return n.path("result");
            }
            JsonNode e = n.path("error");
            throw new HelperException(ErrorCode.valueOf(e.path("code").asText().toUpperCase(java.util.Locale.ROOT)),
                    e.path("message").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cmdline(PrivilegedHelper helper, String vm) throws Exception {
        long pid = helper.call(new GuestStatus(vm)).get("pid").asLong();
        return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
    }

    private static String qemuImgInfo(Path p) throws Exception {
        return sh("/usr/bin/qemu-img", "info", "-U", "-f", "qcow2", p.toString()); // -U: the running QEMU holds the image lock
    }

    private static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return s;
    }
}
