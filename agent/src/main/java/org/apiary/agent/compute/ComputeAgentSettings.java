package org.apiary.agent.compute;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.apiary.agent.AgentOptions;
import org.apiary.agent.AgentSettings;
import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigOption;
import org.apiary.host.linux.QemuSettings;
import org.apiary.privhelper.HelperOptions;

/**
 * The compute agent's configuration, read once and checked.
 *
 * @param host            this host's name, shared with the network agent ({@code [agent] host})
 * @param hostIp          the address reported to the conductor (Nova's my_ip): {@code [agent] local_ip}, else
 *                        the first site-local IPv4 address of an interface that is up, else 127.0.0.1
 * @param fakeVcpus       the fake driver's CPUs, or null for this machine's (same for memory and disk)
 * @param qemu            the qemu driver's directories and timeouts ({@code [helper] disk_root} and
 *                        {@code guest_state_dir}, {@code [compute] state_dir}, {@code wait_soft_reboot_seconds})
 * @param imageCacheDir   the qemu driver's image cache, resolved under the helper's disk root
 */
public record ComputeAgentSettings(String host, String hostIp, String driver, int reservedVcpus,
                                   long reservedMemoryMb, long reservedDiskMb, double cpuAllocationRatio,
                                   double ramAllocationRatio, double diskAllocationRatio, Duration reportInterval,
                                   Duration syncPowerStateInterval, Integer fakeVcpus, Long fakeMemoryMb,
                                   Long fakeDiskGb, Duration fakeOperationDelay, QemuSettings qemu,
                                   Path imageCacheDir) {
    /** The settings of a host without qemu options (tests of the fake driver): the qemu ones at their defaults. */
    public ComputeAgentSettings(String host, String hostIp, String driver, int reservedVcpus, long reservedMemoryMb,
                                long reservedDiskMb, double cpuAllocationRatio, double ramAllocationRatio,
                                double diskAllocationRatio, Duration reportInterval, Duration syncPowerStateInterval,
                                Integer fakeVcpus, Long fakeMemoryMb, Long fakeDiskGb, Duration fakeOperationDelay) {
        this(host, hostIp, driver, reservedVcpus, reservedMemoryMb, reservedDiskMb, cpuAllocationRatio,
                ramAllocationRatio, diskAllocationRatio, reportInterval, syncPowerStateInterval, fakeVcpus,
                fakeMemoryMb, fakeDiskGb, fakeOperationDelay, qemuSettings(Config.empty()),
                imageCacheDir(Config.empty()));
    }

    public ComputeAgentSettings {
        if (!Hypervisors.DRIVERS.contains(driver)) {
            throw new IllegalArgumentException("[compute] driver: unknown driver '" + driver + "'; available: "
                    + String.join(", ", Hypervisors.DRIVERS));
        }
        requireNotNegative("reserved_host_cpus", reservedVcpus);
        requireNotNegative("reserved_host_memory_mb", reservedMemoryMb);
        requireNotNegative("reserved_host_disk_mb", reservedDiskMb);
        requireRatio("cpu_allocation_ratio", cpuAllocationRatio);
        requireRatio("ram_allocation_ratio", ramAllocationRatio);
        requireRatio("disk_allocation_ratio", diskAllocationRatio);
        if (!reportInterval.isPositive() || !syncPowerStateInterval.isPositive()) {
            throw new IllegalArgumentException("[compute] report_interval and sync_power_state_interval must be "
                    + "positive");
        }
        if (fakeOperationDelay.isNegative()) {
            throw new IllegalArgumentException("[compute] fake_operation_delay_ms must not be negative");
        }
    }

    public static ComputeAgentSettings from(Config config) {
        String host = config.get(AgentOptions.HOST);
        String localIp = config.get(AgentOptions.LOCAL_IP);
        return new ComputeAgentSettings(host == null || host.isBlank() ? AgentSettings.machineHostname() : host.strip(),
                localIp == null || localIp.isBlank() ? machineAddress() : localIp.strip(),
                config.get(ComputeAgentOptions.DRIVER).strip(), config.get(ComputeAgentOptions.RESERVED_HOST_CPUS),
                config.get(ComputeAgentOptions.RESERVED_HOST_MEMORY_MB),
                config.get(ComputeAgentOptions.RESERVED_HOST_DISK_MB),
                config.get(ComputeAgentOptions.CPU_ALLOCATION_RATIO),
                config.get(ComputeAgentOptions.RAM_ALLOCATION_RATIO),
                config.get(ComputeAgentOptions.DISK_ALLOCATION_RATIO),
                seconds(config, ComputeAgentOptions.REPORT_INTERVAL),
                seconds(config, ComputeAgentOptions.SYNC_POWER_STATE_INTERVAL),
                positiveOrNull(config, ComputeAgentOptions.FAKE_VCPUS),
                toLong(positiveOrNull(config, ComputeAgentOptions.FAKE_MEMORY_MB)),
                toLong(positiveOrNull(config, ComputeAgentOptions.FAKE_DISK_GB)),
                Duration.ofMillis(config.get(ComputeAgentOptions.FAKE_OPERATION_DELAY_MS)),
                qemuSettings(config), imageCacheDir(config));
    }

    static QemuSettings qemuSettings(Config config) {
        int wait = config.get(ComputeAgentOptions.WAIT_SOFT_REBOOT_SECONDS);
        if (wait < 0) {
            throw new IllegalArgumentException("[compute] wait_soft_reboot_seconds must not be negative (got " + wait
                    + ")");
        }
        QemuSettings d = QemuSettings.of(Path.of(config.get(HelperOptions.DISK_ROOT)),
                Path.of(config.get(ComputeAgentOptions.STATE_DIR)), Path.of(config.get(HelperOptions.GUEST_STATE_DIR)));
        return new QemuSettings(d.diskRoot(), d.stateDir(), d.guestStateDir(), Duration.ofSeconds(wait),
                d.pollInterval(), d.superviseInterval());
    }

    /** [compute] image_cache_dir under [helper] disk_root: the helper reads guest disks nowhere else. */
    static Path imageCacheDir(Config config) {
        Path root = Path.of(config.get(HelperOptions.DISK_ROOT)).toAbsolutePath().normalize();
        Path dir = root.resolve(config.get(ComputeAgentOptions.IMAGE_CACHE_DIR).strip()).normalize();
        if (!dir.startsWith(root) || dir.equals(root)) {
            throw new IllegalArgumentException("[compute] image_cache_dir " + dir + " must be a directory under "
                    + "[helper] disk_root " + root);
        }
        return dir;
    }

    /** The same settings with other loop intervals (tests run them in milliseconds). */
    public ComputeAgentSettings withIntervals(Duration report, Duration syncPowerState) {
        return new ComputeAgentSettings(host, hostIp, driver, reservedVcpus, reservedMemoryMb, reservedDiskMb,
                cpuAllocationRatio, ramAllocationRatio, diskAllocationRatio, report, syncPowerState, fakeVcpus,
                fakeMemoryMb, fakeDiskGb, fakeOperationDelay, qemu, imageCacheDir);
    }

    /** Reserved disk as Placement counts it: whole GiB, rounded up (Nova's convert_mb_to_ceil_gb). */
    public long reservedDiskGb() {
        return (reservedDiskMb + 1023) / 1024;
    }

    private static Duration seconds(Config config, ConfigOption<Integer> option) {
        int s = config.get(option);
        if (s < 1) {
            throw new IllegalArgumentException(option.key() + " must be at least 1 second (got " + s + ")");
        }
        return Duration.ofSeconds(s);
    }

    private static Integer positiveOrNull(Config config, ConfigOption<Integer> option) {
        Integer v = config.get(option);
        if (v != null && v < 1) {
            throw new IllegalArgumentException(option.key() + " must be positive (got " + v + ")");
        }
        return v;
    }

    private static Long toLong(Integer v) {
        return v == null ? null : v.longValue();
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("[compute] " + name + " must not be negative (got " + value + ")");
        }
    }

    private static void requireRatio(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("[compute] " + name + " must be a positive number (got " + value + ")");
        }
    }

    /** The first site-local IPv4 address of an interface that is up (read only; nothing is sent). */
    static String machineAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // fall through: a host without a usable interface reports loopback
        }
        return "127.0.0.1";
    }
}
