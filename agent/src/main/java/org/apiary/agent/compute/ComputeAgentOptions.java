package org.apiary.agent.compute;

import java.util.List;
import org.apiary.agent.images.ImageServiceOptions;
import org.apiary.common.config.ConfigOption;
import org.apiary.common.config.OptionType;

/**
 * [compute] options of the host compute agent, named as in nova.conf where upstream has the same knob. The
 * host name is the network agent's {@code [agent] host}, so both agents of a machine agree on it.
 */
public final class ComputeAgentOptions {
    private ComputeAgentOptions() {}

    /** A decimal number (allocation ratios). */
    static final OptionType<Double> FLOAT = new OptionType<>("floating point", Double::parseDouble);

    public static final ConfigOption<String> DRIVER = ConfigOption.string("compute", "driver", "fake",
            "Hypervisor driver of this host (Nova's compute_driver). Available: fake (guests simulated in memory; "
                    + "nothing runs), qemu (QEMU guests, KVM when /dev/kvm exists, started and changed only through "
                    + "the privileged helper; Linux hosts), bhyve (bhyve guests through the privileged helper; "
                    + "FreeBSD hosts; proven on the FreeBSD host simulator only).");
    public static final ConfigOption<Integer> RESERVED_HOST_MEMORY_MB = ConfigOption.integer("compute",
            "reserved_host_memory_mb", 512, "MiB of host memory kept for the host itself (Placement's reserved "
                    + "MEMORY_MB).");
    public static final ConfigOption<Integer> RESERVED_HOST_DISK_MB = ConfigOption.integer("compute",
            "reserved_host_disk_mb", 0, "MiB of guest disk space kept for the host (reported as DISK_GB "
                    + "reserved, rounded up).");
    public static final ConfigOption<Integer> RESERVED_HOST_CPUS = ConfigOption.integer("compute",
            "reserved_host_cpus", 0, "Host CPUs kept for the host (Placement's reserved VCPU).");
    public static final ConfigOption<Double> CPU_ALLOCATION_RATIO = ratio("cpu_allocation_ratio", 4.0, "VCPU");
    public static final ConfigOption<Double> RAM_ALLOCATION_RATIO = ratio("ram_allocation_ratio", 1.0, "MEMORY_MB");
    public static final ConfigOption<Double> DISK_ALLOCATION_RATIO = ratio("disk_allocation_ratio", 1.0, "DISK_GB");
    public static final ConfigOption<Integer> REPORT_INTERVAL = ConfigOption.integer("compute", "report_interval", 10,
            "Seconds between two host reports (the compute service's heartbeat) to the conductor.");
    public static final ConfigOption<Integer> SYNC_POWER_STATE_INTERVAL = ConfigOption.integer("compute",
            "sync_power_state_interval", 10, "Seconds between two comparisons of the hypervisor's guest power "
                    + "states with the last known ones; differences are reported to the conductor.");
    public static final ConfigOption<Integer> FAKE_VCPUS = ConfigOption.integer("compute", "fake_vcpus", null,
            "CPUs the fake driver reports. Default: this machine's CPU count.");
    public static final ConfigOption<Integer> FAKE_MEMORY_MB = ConfigOption.integer("compute", "fake_memory_mb", null,
            "MiB of memory the fake driver reports. Default: this machine's memory.");
    public static final ConfigOption<Integer> FAKE_DISK_GB = ConfigOption.integer("compute", "fake_disk_gb", null,
            "GiB of guest disk the fake driver reports. Default: the size of the file system of the agent's "
                    + "working directory.");
    public static final ConfigOption<Integer> FAKE_OPERATION_DELAY_MS = ConfigOption.integer("compute",
            "fake_operation_delay_ms", 0, "Milliseconds each fake guest operation takes (spawn, reboot, stop, …), "
                    + "to watch in-flight states in demos.");

    public static final ConfigOption<String> IMAGE_CACHE_DIR = ConfigOption.string("compute", "image_cache_dir",
            "_base", "qemu and bhyve drivers: directory of the local image copies guests' disks are made from, "
                    + "one file <image id>.qcow2 or <image id>.raw per image (bhyve adds <image id>.raw converted "
                    + "once from a qcow2 image); filled from the image service by the all-in-one and, with [glance] "
                    + "auth_url set, by an agent on another host; otherwise images must be put there by hand. "
                    + "Relative to [helper] disk_root, and an absolute path must lie under it (the helper reads "
                    + "disks nowhere else); the agent must be able to write it.");
    public static final ConfigOption<String> STATE_DIR = ConfigOption.string("compute", "state_dir",
            "/var/lib/apiary/compute", "qemu and bhyve drivers: where the agent keeps each guest's start spec "
                    + "(<uuid>.json), so guests can be powered on and restarted after an agent restart. Must be "
                    + "writable by the agent user.");
    public static final ConfigOption<Integer> WAIT_SOFT_REBOOT_SECONDS = ConfigOption.integer("compute",
            "wait_soft_reboot_seconds", 120, "qemu and bhyve drivers: seconds a soft reboot, resize or rebuild "
                    + "waits for the guest to shut down after the ACPI request before cutting its power (as Nova's [libvirt] "
                    + "option).");

    private static ConfigOption<Double> ratio(String name, double def, String resourceClass) {
        return new ConfigOption<>("compute", name, FLOAT, def, "Allocation ratio of " + resourceClass
                + " on this host's resource provider (overcommit; 1.0: none).");
    }

    /** These and the [glance] options of the agent's Image API client ({@link ImageServiceOptions}). */
    public static List<ConfigOption<?>> all() {
        return concat(List.of(DRIVER, RESERVED_HOST_MEMORY_MB, RESERVED_HOST_DISK_MB, RESERVED_HOST_CPUS,
                CPU_ALLOCATION_RATIO, RAM_ALLOCATION_RATIO, DISK_ALLOCATION_RATIO, REPORT_INTERVAL,
                SYNC_POWER_STATE_INTERVAL, FAKE_VCPUS, FAKE_MEMORY_MB, FAKE_DISK_GB, FAKE_OPERATION_DELAY_MS,
                IMAGE_CACHE_DIR, STATE_DIR, WAIT_SOFT_REBOOT_SECONDS), ImageServiceOptions.all());
    }

    private static List<ConfigOption<?>> concat(List<ConfigOption<?>> a, List<ConfigOption<?>> b) {
        List<ConfigOption<?>> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
