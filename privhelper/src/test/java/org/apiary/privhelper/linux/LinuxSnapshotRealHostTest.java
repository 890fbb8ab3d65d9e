package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.Test;

/**
 * guest_snapshot of a running QEMU for real: the guest is paused (QMP stop) for qemu-img convert -U and
 * resumed (QMP cont), so it is still running, same process, afterwards; the copy is a qcow2 of the disk's
 * size. Skipped unless root with qemu-system-x86_64 and qemu-img.
 */
class LinuxSnapshotRealHostTest {
    @Test
    void aRunningGuestIsPausedCopiedAndResumed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))
                && Files.isExecutable(Path.of("/usr/bin/qemu-img")), "needs qemu-system-x86_64, qemu-img");
        Path work = Files.createTempDirectory("apiary-snapshot-it");
        String vm = UUID.randomUUID().toString();
        LinuxBackend b = new LinuxBackend(new ProcessRunner(), LinuxBinaries.detect(), new HelperSettings(
                work.resolve("state"), Set.of(), work.resolve("disks"), work.resolve("guests"), null, null));
        try {
            b.apply(new DiskCreate(vm + "/disk", DiskFormat.QCOW2, 32L << 20, null));
            GuestSpec spec = new GuestSpec(vm, 1, 128, List.of(new GuestDisk(vm + "/disk", DiskFormat.QCOW2)),
                    List.of(), null, null);
            long pid = b.apply(new GuestStart(spec)).get("pid").asLong();

            JsonNode r = b.apply(new GuestSnapshot(vm, vm + "/disk", DiskFormat.QCOW2, "snapshots/" + vm + ".qcow2"));

            Path copy = Path.of(r.get("path").asText());
            assertThat(copy).isEqualTo(work.resolve("disks").toRealPath().resolve("snapshots/" + vm + ".qcow2"));
            assertThat(r.get("format").asText()).isEqualTo("qcow2");
            assertThat(r.get("sizeBytes").asLong()).isEqualTo(Files.size(copy));
            String info = new String(new ProcessBuilder("/usr/bin/qemu-img", "info", "-f", "qcow2", copy.toString())
                    .redirectErrorStream(true).start().getInputStream().readAllBytes());
            assertThat(info).contains("file format: qcow2", "virtual size: 32 MiB");
            JsonNode st = b.apply(new GuestStatus(vm));
            assertThat(st.get("running").asBoolean()).isTrue();
            assertThat(st.get("pid").asLong()).isEqualTo(pid);
            b.apply(new DiskDelete(copy.toString()));
            assertThat(copy).doesNotExist();
        } finally {
            b.apply(new GuestDestroy(vm));
            b.apply(new DiskDelete(vm + "/disk"));
        }
    }
}
