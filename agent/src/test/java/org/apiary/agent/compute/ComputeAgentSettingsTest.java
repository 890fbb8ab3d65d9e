package org.apiary.agent.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.apiary.agent.AgentOptions;
import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigException;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.fake.MachineResources;
import org.apiary.host.linux.QemuHypervisor;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;
import org.apiary.privhelper.HelperOptions;
import org.apiary.privhelper.client.RecordingHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeAgentSettingsTest {

    @Test
    void defaultsAreNovasAndTheHostIsTheNetworkAgents() {
        ComputeAgentSettings s = ComputeAgentSettings.from(Config.empty().with(AgentOptions.HOST, "node-7"));
        assertThat(s.host()).isEqualTo("node-7");
        assertThat(s.driver()).isEqualTo("fake");
        assertThat(s.reservedMemoryMb()).isEqualTo(512);
        assertThat(s.reservedDiskMb()).isZero();
        assertThat(s.reservedVcpus()).isZero();
        assertThat(s.cpuAllocationRatio()).isEqualTo(4.0);
        assertThat(s.ramAllocationRatio()).isEqualTo(1.0);
        assertThat(s.diskAllocationRatio()).isEqualTo(1.0);
        assertThat(s.reportInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.syncPowerStateInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.fakeOperationDelay()).isZero();
        assertThat(s.hostIp()).isNotBlank();
    }

    @Test
    void readsEveryOption() {
        Config c = Config.empty().with(AgentOptions.HOST, "node-8").with(AgentOptions.LOCAL_IP, "192.0.2.8")
                .with(ComputeAgentOptions.RESERVED_HOST_DISK_MB, "1500")
                .with(ComputeAgentOptions.RESERVED_HOST_CPUS, "2")
                .with(ComputeAgentOptions.CPU_ALLOCATION_RATIO, "16.0")
                .with(ComputeAgentOptions.RAM_ALLOCATION_RATIO, "1.5")
                .with(ComputeAgentOptions.REPORT_INTERVAL, "3")
                .with(ComputeAgentOptions.FAKE_VCPUS, "64")
                .with(ComputeAgentOptions.FAKE_MEMORY_MB, "131072")
                .with(ComputeAgentOptions.FAKE_DISK_GB, "2000")
                .with(ComputeAgentOptions.FAKE_OPERATION_DELAY_MS, "250");
        ComputeAgentSettings s = ComputeAgentSettings.from(c);
        assertThat(s.hostIp()).isEqualTo("192.0.2.8");
        assertThat(s.reservedDiskGb()).as("1500 MiB rounds up to 2 GiB").isEqualTo(2);
        assertThat(s.reservedVcpus()).isEqualTo(2);
        assertThat(s.cpuAllocationRatio()).isEqualTo(16.0);
        assertThat(s.ramAllocationRatio()).isEqualTo(1.5);
        assertThat(s.reportInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.fakeOperationDelay()).isEqualTo(Duration.ofMillis(250));
        try (Hypervisor h = Hypervisors.create(s)) {
            assertThat(h).isInstanceOf(FakeHypervisor.class);
            assertThat(h.resources()).isEqualTo(new HostResources(64, 131072, 2000));
        }
    }

    @Test
    void theFakeDefaultsToThisMachine() {
        ComputeAgentSettings s = ComputeAgentSettings.from(Config.empty().with(ComputeAgentOptions.FAKE_VCPUS, "3"));
        HostResources r = Hypervisors.create(s).resources();
        assertThat(r.vcpus()).isEqualTo(3);
        assertThat(r.memoryMb()).isEqualTo(MachineResources.memoryMb());
        assertThat(r.diskGb()).isEqualTo(MachineResources.diskGb(java.nio.file.Path.of("")));
    }

    @Test
    void qemuIsBuiltWithTheAgentsHelperAndItsDirectoriesUnderTheDiskRoot(@TempDir Path tmp) {
        Config c = Config.empty().with(ComputeAgentOptions.DRIVER, "qemu")
                .with(HelperOptions.DISK_ROOT, tmp.resolve("disks").toString())
                .with(ComputeAgentOptions.STATE_DIR, tmp.resolve("compute").toString())
                .with(ComputeAgentOptions.WAIT_SOFT_REBOOT_SECONDS, "30");
        ComputeAgentSettings s = ComputeAgentSettings.from(c);
        assertThat(s.imageCacheDir()).isEqualTo(tmp.resolve("disks").resolve("_base"));
        assertThat(s.qemu().softRebootTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Hypervisors.create(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[compute] driver = qemu needs the privileged helper");
        RecordingHelper helper = new RecordingHelper();
        try (Hypervisor h = Hypervisors.create(s, helper, null)) {
            assertThat(h).isInstanceOf(QemuHypervisor.class);
            assertThat(h.type()).isEqualTo("QEMU");
            assertThat(h.simulated()).isFalse();
        }
        assertThat(tmp.resolve("compute")).isDirectory();
        ComputeAgentSettings bhyve = ComputeAgentSettings.from(c.with(ComputeAgentOptions.DRIVER, "bhyve"));
        assertThatThrownBy(() -> Hypervisors.create(bhyve)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[compute] driver = bhyve needs the privileged helper");
        try (Hypervisor h = Hypervisors.create(bhyve, helper, null)) {
            assertThat(h).isInstanceOf(org.apiary.host.freebsd.BhyveHypervisor.class);
            assertThat(h.type()).isEqualTo("bhyve");
            assertThat(h.capabilities()).containsExactlyInAnyOrder("COMPUTE_IMAGE_TYPE_RAW", "COMPUTE_IMAGE_TYPE_QCOW2");
        }
        assertThatThrownBy(() -> ComputeAgentSettings.from(c.with(ComputeAgentOptions.IMAGE_CACHE_DIR, "/etc")))
                .hasMessageContaining("[compute] image_cache_dir /etc must be a directory under [helper] disk_root");
        assertThatThrownBy(() -> ComputeAgentSettings.from(c.with(ComputeAgentOptions.IMAGE_CACHE_DIR, "../x")))
                .hasMessageContaining("must be a directory under");
    }

    @Test
    void badValuesAreClearStartupErrors() {
        assertThatThrownBy(() -> ComputeAgentSettings.from(Config.empty().with(ComputeAgentOptions.DRIVER, "libvirt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[compute] driver: unknown driver 'libvirt'; available: fake, qemu, bhyve");
        assertThatThrownBy(() -> ComputeAgentSettings.from(
                Config.empty().with(ComputeAgentOptions.CPU_ALLOCATION_RATIO, "0")))
                .hasMessageContaining("cpu_allocation_ratio must be a positive number");
        assertThatThrownBy(() -> ComputeAgentSettings.from(
                Config.empty().with(ComputeAgentOptions.RAM_ALLOCATION_RATIO, "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[compute] ram_allocation_ratio");
        assertThatThrownBy(() -> ComputeAgentSettings.from(
                Config.empty().with(ComputeAgentOptions.RESERVED_HOST_MEMORY_MB, "-1")))
                .hasMessageContaining("reserved_host_memory_mb must not be negative");
        assertThatThrownBy(() -> ComputeAgentSettings.from(
                Config.empty().with(ComputeAgentOptions.SYNC_POWER_STATE_INTERVAL, "0")))
                .hasMessageContaining("[compute] sync_power_state_interval must be at least 1 second");
        assertThatThrownBy(() -> ComputeAgentSettings.from(Config.empty().with(ComputeAgentOptions.FAKE_VCPUS, "0")))
                .hasMessageContaining("[compute] fake_vcpus must be positive");
    }
}
