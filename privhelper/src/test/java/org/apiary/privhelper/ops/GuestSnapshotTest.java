package org.apiary.privhelper.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.Test;

/** guest_snapshot's parse checks: the guest's own disk, a new file in snapshots/, guest disk formats only. */
class GuestSnapshotTest {
    static final String VM = "0b0b0b0b-1111-4222-8333-444444444444";

    static Op parse(GuestSnapshot op) {
        return Wire.parseRequest(Wire.request(op));
    }

    static void invalid(GuestSnapshot op, String message) {
        assertThatThrownBy(() -> parse(op)).isInstanceOfSatisfying(HelperException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void roundTripsThroughTheWireUnderItsCatalogName() {
        GuestSnapshot op = new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, "snapshots/img-1.qcow2");
        assertThat(parse(op)).isEqualTo(op);
        assertThat(OpCatalog.nameOf(op)).isEqualTo("guest_snapshot");
        GuestSnapshot zvol = new GuestSnapshot(VM, "zvol/" + VM + "-disk", DiskFormat.RAW, "snapshots/img-2.qcow2");
        assertThat(parse(zvol)).isEqualTo(zvol);
        assertThat(new String(Wire.request(op), java.nio.charset.StandardCharsets.UTF_8)).contains("\"format\":\"qcow2\"");
    }

    @Test
    void refusesOtherGuestsDisksPathsOutsideSnapshotsAndVmdk() {
        invalid(new GuestSnapshot(VM, "0c0c0c0c-1111-4222-8333-444444444444/disk", DiskFormat.QCOW2,
                "snapshots/a.qcow2"), "the guest's own disks");
        invalid(new GuestSnapshot(VM, "_base/image.qcow2", DiskFormat.QCOW2, "snapshots/a.qcow2"), "own disks");
        invalid(new GuestSnapshot(VM, "zvol/base-" + VM, DiskFormat.RAW, "snapshots/a.qcow2"), "own disks");
        invalid(new GuestSnapshot(VM, VM + "/../x", DiskFormat.QCOW2, "snapshots/a.qcow2"), "not a plain path");
        invalid(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, VM + "/copy.qcow2"), "directly in snapshots/");
        invalid(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, "snapshots/x/y.qcow2"), "directly in snapshots/");
        invalid(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, "/etc/shadow"), "directly in snapshots/");
        invalid(new GuestSnapshot(VM, VM + "/disk", DiskFormat.QCOW2, "snapshots"), "directly in snapshots/");
        invalid(new GuestSnapshot(VM, VM + "/disk", DiskFormat.VMDK, "snapshots/a.qcow2"), "raw or qcow2");
        invalid(new GuestSnapshot("VM-1", "VM-1/disk", DiskFormat.RAW, "snapshots/a.qcow2"), "lower-case UUID");
    }
}
