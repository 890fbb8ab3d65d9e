package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.host.ProcessRunner;
import org.apiary.privhelper.ops.DiskCreate;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * disk_delete on the Linux backend, for real with qemu-img: a guest's {@code <uuid>/} directory goes with its
 * last disk; other directories (the image cache) and non-empty ones stay. Skipped without /usr/bin/qemu-img.
 */
class LinuxDiskDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void deletingAGuestsLastDiskRemovesItsDirectoryAndNothingElse() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-img")), "needs qemu-img");
        LinuxBackend b = new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(), new HelperSettings(
                tmp.resolve("state"), Set.of(), tmp.resolve("disks"), tmp.resolve("guests"), null, null));
        Path disks = tmp.resolve("disks").toRealPath();
        String vm = UUID.randomUUID().toString();
        b.apply(new DiskCreate(vm + "/disk", DiskFormat.QCOW2, 1L << 20, null));
        b.apply(new DiskCreate(vm + "/disk.swap", DiskFormat.QCOW2, 1L << 20, null));
        b.apply(new DiskCreate("_base/" + UUID.randomUUID() + ".qcow2", DiskFormat.QCOW2, 1L << 20, null));

        b.apply(new DiskDelete(disks + "/" + vm + "/disk"));
        assertThat(disks.resolve(vm)).as("one disk left: the directory stays").isDirectory();
        b.apply(new DiskDelete(vm + "/disk.swap"));
        assertThat(disks.resolve(vm)).as("the guest's last disk took its directory along").doesNotExist();

        try (var cached = Files.list(disks.resolve("_base"))) {
            b.apply(new DiskDelete("_base/" + cached.findFirst().orElseThrow().getFileName()));
        }
        assertThat(disks.resolve("_base")).as("not a guest directory: it stays, empty").isEmptyDirectory();

        Files.createDirectories(disks.resolve(vm).resolve("console"));
        b.apply(new DiskCreate(vm + "/disk", DiskFormat.QCOW2, 1L << 20, null));
        b.apply(new DiskDelete(vm + "/disk"));
        assertThat(disks.resolve(vm).resolve("console")).as("a directory that is not empty stays").isDirectory();
        assertThat(disks).isDirectory();
    }
}
