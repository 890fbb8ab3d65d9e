package org.apiary.host.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apiary.host.linux.QemuSettings;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestState;
import org.apiary.privhelper.client.RecordingHelper;
import org.apiary.privhelper.host.GuestTable;
import org.apiary.privhelper.ops.GuestSpec;
import org.apiary.privhelper.ops.GuestStatus;
import org.apiary.privhelper.ops.HostFacts;
import org.apiary.privhelper.protocol.HelperException;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.Test;

/** What the bhyve driver decides itself: boot mode, the meaning of bhyve's exit statuses, identity and traits. */
class BhyveHypervisorTest {
    static final String VM = BhyveHypervisorSimTest.VM;

    static BhyveHypervisor driver(RecordingHelper helper) {
        return new BhyveHypervisor(helper, id -> {
            throw new IllegalArgumentException("no images here");
        }, null, new QemuSettings(null, null, null, Duration.ZERO, Duration.ofMillis(5), Duration.ZERO));
    }

    static GuestSpec.Boot boot(Map<String, String> imageProperties) {
        return BhyveHypervisor.boot(BhyveHypervisorSimTest.def(1, 256, 1, 0, 0, imageProperties));
    }

    @Test
    void uefiUnlessAFreeBsdImageDoesNotAskForIt() {
        assertThat(boot(Map.of())).isEqualTo(GuestSpec.Boot.UEFI);
        assertThat(boot(Map.of("os_type", "linux"))).isEqualTo(GuestSpec.Boot.UEFI);
        assertThat(boot(Map.of("hw_firmware_type", "bios"))).as("bhyve has no BIOS").isEqualTo(GuestSpec.Boot.UEFI);
        assertThat(boot(Map.of("os_type", "freebsd"))).isEqualTo(GuestSpec.Boot.BHYVELOAD);
        assertThat(boot(Map.of("os_distro", "FreeBSD", "hw_firmware_type", "bios")))
                .isEqualTo(GuestSpec.Boot.BHYVELOAD);
        assertThat(boot(Map.of("os_type", "freebsd", "hw_firmware_type", "UEFI"))).isEqualTo(GuestSpec.Boot.UEFI);
    }

    /** bhyve(8) EXIT STATUS as the helper records it (GuestTable.bhyveMeaning), seen through guest_status. */
    @Test
    void exitStatusesMapToPowerStates() {
        int[] code = {0};
        RecordingHelper helper = new RecordingHelper(op -> {
            if (op instanceof GuestStatus s) {
                return Wire.MAPPER.createObjectNode().put("name", s.name()).put("running", false)
                        .put("exitCode", code[0]).put("exitMeaning", GuestTable.bhyveMeaning(code[0]));
            }
            throw HelperException.invalid("unexpected " + op);
        });
        try (BhyveHypervisor d = driver(helper)) {
            Map<Integer, GuestInfo> expected = Map.of(
                    1, new GuestInfo(VM, GuestState.SHUTDOWN, "exit 1 (poweroff)"),
                    2, new GuestInfo(VM, GuestState.SHUTDOWN, "exit 2 (halt)"),
                    3, new GuestInfo(VM, GuestState.CRASHED, "exit 3 (triple_fault)"),
                    4, new GuestInfo(VM, GuestState.CRASHED, "exit 4 (error)"),
                    137, new GuestInfo(VM, GuestState.CRASHED, "exit 137 (killed)"));
            expected.forEach((c, info) -> {
                code[0] = c;
                assertThat(d.status(VM)).as("exit " + c).contains(info);
            });
            // Exit 0 is a reboot: the driver would start the guest again, but it keeps no spec of this one.
            code[0] = 0;
            assertThat(d.status(VM)).contains(new GuestInfo(VM, GuestState.SHUTDOWN, "exit 0 (reboot)"));
        }
    }

    @Test
    void reportsItselfAsBhyveOnTheFreeBsdReleaseWithRawAndQcow2Images() {
        RecordingHelper helper = new RecordingHelper(op -> op instanceof HostFacts
                ? Wire.MAPPER.createObjectNode().put("os", "freebsd").put("kernel", "14.1-RELEASE-p5")
                : Wire.MAPPER.createObjectNode());
        try (BhyveHypervisor d = driver(helper)) {
            assertThat(d.type()).isEqualTo("bhyve");
            assertThat(d.version()).isEqualTo(14_001_000L);
            assertThat(d.capabilities()).containsExactlyInAnyOrder("COMPUTE_IMAGE_TYPE_RAW", "COMPUTE_IMAGE_TYPE_QCOW2");
            assertThat(d.simulated()).isFalse();
            assertThat(d.resources().vcpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
        try (BhyveHypervisor d = driver(new RecordingHelper(op -> Wire.MAPPER.createObjectNode().put("os", "freebsd")))) {
            assertThat(d.version()).as("no release reported").isEqualTo(BhyveHypervisor.DEFAULT_VERSION);
        }
    }

    @Test
    void theBootModeTravelsOnTheWireInLowerCase() {
        byte[] request = Wire.request(new org.apiary.privhelper.ops.GuestStart(new GuestSpec(VM, 1, 256,
                java.util.List.of(new org.apiary.privhelper.ops.GuestDisk(VM + "/disk",
                        org.apiary.privhelper.ops.DiskFormat.RAW)), java.util.List.of(), null,
                GuestSpec.Boot.BHYVELOAD)));
        assertThat(new String(request, java.nio.charset.StandardCharsets.UTF_8)).contains("\"boot\":\"bhyveload\"");
        assertThat(Wire.parseRequest(request)).isInstanceOfSatisfying(org.apiary.privhelper.ops.GuestStart.class,
                s -> assertThat(s.spec().boot()).isEqualTo(GuestSpec.Boot.BHYVELOAD));
    }
}
