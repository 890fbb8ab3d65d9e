package org.apiary.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.SnapshotFile;
import org.apiary.privhelper.ops.DiskDelete;
import org.apiary.privhelper.ops.DiskFormat;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.apiary.privhelper.protocol.HelperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** createImage on the QEMU driver: one guest_snapshot of the root disk, the guest paused by the helper, not stopped. */
class QemuSnapshotTest {
    static final String VM = QemuHypervisorTest.VM, IMAGE = QemuHypervisorTest.IMAGE;
    static final String SNAP = "5d5d5d5d-6e6e-4f7f-8a8a-9b9b9b9b9b9b";

    @TempDir
    Path tmp;
    final ScriptedHelper script = new ScriptedHelper();

    QemuHypervisor driver() {
        script.files.add(QemuHypervisorTest.IMAGE_PATH);
        return new QemuHypervisor(script.helper, id -> new CachedImage(Path.of(QemuHypervisorTest.IMAGE_PATH),
                "qcow2"), null, new QemuSettings(tmp.resolve("disks"), tmp.resolve("state"), null,
                Duration.ofSeconds(1), Duration.ofMillis(5), Duration.ZERO));
    }

    @Test
    void aRunningGuestIsSnapshottedLiveWithoutStoppingItAndTheFileIsRemovedWithDiskDelete() {
        QemuHypervisor d = driver();
        d.spawn(QemuHypervisorTest.def(1, 1, 0, 0));
        int before = script.changes().size();

        SnapshotFile file = d.snapshot(VM, SNAP);

        assertThat(script.changes().subList(before, script.changes().size()))
                .containsExactly("disk_delete", "guest_snapshot");
        assertThat(script.calls(GuestSnapshot.class)).containsExactly(new GuestSnapshot(VM, VM + "/disk",
                DiskFormat.QCOW2, "snapshots/" + SNAP + ".qcow2"));
        assertThat(script.snapshotsWhileRunning).containsExactly(true); // QEMU pauses it in the helper (QMP stop/cont)
        assertThat(file).isEqualTo(new SnapshotFile(Path.of("/var/lib/apiary/disks/snapshots/" + SNAP + ".qcow2"),
                "qcow2", 12345));
        assertThat(d.status(VM).orElseThrow().state()).isEqualTo(GuestState.RUNNING);

        d.removeSnapshot(file);
        assertThat(script.calls(DiskDelete.class).getLast().path()).isEqualTo(file.path().toString());
        assertThat(script.files).doesNotContain("snapshots/" + SNAP + ".qcow2");
    }

    @Test
    void aStoppedGuestIsCopiedAndStaysStopped() {
        QemuHypervisor d = driver();
        d.spawn(QemuHypervisorTest.def(1, 1, 0, 0));
        d.powerOff(VM, Duration.ofSeconds(1));

        d.snapshot(VM, SNAP);

        assertThat(script.snapshotsWhileRunning).containsExactly(false);
        assertThat(d.status(VM).orElseThrow().state()).isEqualTo(GuestState.SHUTDOWN);
    }

    @Test
    void aFailedCopyIsTheCallersErrorAndAnUnknownGuestIsNotFound() {
        QemuHypervisor d = driver();
        d.spawn(QemuHypervisorTest.def(1, 1, 0, 0));
        script.snapshotFails = true;
        assertThatThrownBy(() -> d.snapshot(VM, SNAP)).isInstanceOf(HelperException.class)
                .hasMessageContaining("qemu-img");
        assertThat(d.status(VM).orElseThrow().state()).isEqualTo(GuestState.RUNNING);
        assertThatThrownBy(() -> d.snapshot("0e0e0e0e-1111-4222-8333-444444444444", SNAP))
                .isInstanceOf(GuestNotFoundException.class);
        assertThatThrownBy(() -> d.snapshot(VM, "../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
