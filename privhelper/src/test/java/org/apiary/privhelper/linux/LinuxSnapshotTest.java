package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiary.privhelper.host.CommandResult;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * guest_snapshot of a guest that is not running, on a recording runner: the qemu-img(1) argv (both formats
 * given, no -U: nothing holds the disk), the target refused when it exists, a failed copy leaves no file, and
 * disk_delete removes the copy. (The live pause of a running QEMU is LinuxSnapshotRealHostTest's.)
 */
class LinuxSnapshotTest {
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444";

    @TempDir
    Path tmp;
    final List<List<String>> argvs = new ArrayList<>();
    boolean fail;

    LinuxBackend backend() {
        return new LinuxBackend(c -> {
            argvs.add(c.argv());
            if (fail) {
                return CommandResult.failure(1, "qemu-img: Could not open");
            }
            try {
                Files.write(Path.of(c.argv().getLast()), new byte[] {'Q', 'F', 'I', (byte) 0xfb});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return CommandResult.success("");
        }, (argv, log) -> {
            throw new AssertionError("no guest is started here");
        }, new LinuxBinaries("/usr/sbin/ip", "/usr/sbin/dnsmasq", "/usr/sbin/nft", "/usr/sbin/modprobe",
                "/usr/sbin/sysctl", "/usr/bin/kill", "/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img",
                "/usr/bin/genisoimage"), new HelperSettings(tmp.resolve("state"), Set.of(), tmp.resolve("disks"),
                tmp.resolve("guests"), null, null));
    }

    @Test
    void aStoppedGuestsDiskIsConvertedToQcow2AndTheCopyIsReadableAndRemovable() throws Exception {
        LinuxBackend b = backend();
        Path disks = tmp.resolve("disks").toRealPath();
        Files.createDirectories(disks.resolve(VM));
        Files.write(disks.resolve(VM).resolve("disk"), new byte[4096]);

        JsonNode r = b.apply(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, "snapshots/img-1.qcow2"));

        Path target = disks.resolve("snapshots").resolve("img-1.qcow2");
        assertThat(argvs).containsExactly(List.of("/usr/bin/qemu-img", "convert", "-q", "-f", "qcow2", "-O", "qcow2",
                disks.resolve(VM).resolve("disk").toString(), target.toString()));
        assertThat(r.get("path").asText()).isEqualTo(target.toString());
        assertThat(r.get("format").asText()).isEqualTo("qcow2");
        assertThat(r.get("sizeBytes").asLong()).isEqualTo(4);
        assertThat(Files.getPosixFilePermissions(target)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ");
        assertThat(Files.getPosixFilePermissions(target.getParent())).hasSize(5); // rwxr-x---

        assertThatThrownBy(() -> b.apply(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2,
                "snapshots/img-1.qcow2"))).isInstanceOfSatisfying(HelperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(b.apply(new DiskDelete(target.toString())).get("changed").asBoolean()).isTrue();
        assertThat(target).doesNotExist();
    }

    @Test
    void aFailedCopyLeavesNothingAndAMissingDiskIsAConflict() throws Exception {
        LinuxBackend b = backend();
        Path disks = tmp.resolve("disks").toRealPath();
        assertThatThrownBy(() -> b.apply(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, "snapshots/a.qcow2")))
                .isInstanceOfSatisfying(HelperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        Files.createDirectories(disks.resolve(VM));
        Files.write(disks.resolve(VM).resolve("disk"), new byte[16]);
        fail = true;
        assertThatThrownBy(() -> b.apply(new GuestSnapshot(VM, VM + "/disk", DiskFormat.RAW, "snapshots/a.qcow2")))
                .isInstanceOfSatisfying(HelperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HOST_COMMAND_FAILED));
        assertThat(argvs.getLast()).containsSequence("-f", "raw", "-O", "qcow2");
        assertThat(disks.resolve("snapshots").resolve("a.qcow2")).doesNotExist();
    }
}
