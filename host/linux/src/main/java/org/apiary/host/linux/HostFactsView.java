package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.HostFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's size and hypervisor version. The helper's host_facts is asked first (once): it is where a host
 * fact belongs, and fields {@code cpus}, {@code memoryMb} and the driver's version field ({@code qemuVersion},
 * bhyve: {@code kernel}) are used when it reports them. Today it reports the OS, kernel and binaries only, so
 * CPUs and memory come from this JVM's view of the machine (the agent runs on the host it reports) and the
 * QEMU version falls back to {@link QemuHypervisor#DEFAULT_VERSION}. DISK_GB is the size of the file system of
 * the helper's disk root.
 */
final class HostFactsView {
    private static final Logger LOG = LoggerFactory.getLogger(HostFactsView.class);
    private static final long MIB = 1L << 20, GIB = 1L << 30;
    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?");

    private final PrivilegedHelper helper;
    private final Path diskRoot;
    private volatile JsonNode facts;

    HostFactsView(PrivilegedHelper helper, Path diskRoot) {
        this.helper = helper;
        this.diskRoot = diskRoot;
    }

    HostResources resources() {
        JsonNode f = facts();
        int cpus = f.path("cpus").canConvertToInt() && f.path("cpus").asInt() > 0 ? f.path("cpus").asInt()
                : Runtime.getRuntime().availableProcessors();
        long memoryMb = f.path("memoryMb").canConvertToLong() && f.path("memoryMb").asLong() > 0
                ? f.path("memoryMb").asLong() : machineMemoryMb();
        return new HostResources(cpus, memoryMb, diskGb());
    }

    /** The version in host_facts' {@code field} ("7.2.0", "14.1-RELEASE"), Nova-encoded; empty when absent. */
    Optional<Long> version(String field) {
        Matcher m = VERSION.matcher(facts().path(field).asText(""));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(Hypervisor.encodeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /**
     * Whether the helper puts disks named {@code zvol/NAME} on ZFS volumes: its host_facts answers the
     * {@code zfsDataset} it is configured with ({@code [helper] zfs_dataset}, the one source of truth).
     */
    boolean zfsDataset() {
        return !facts().path("zfsDataset").asText("").isBlank();
    }

    /** host_facts, asked once; on failure an empty answer (asked again next time). */
    private JsonNode facts() {
        JsonNode f = facts;
        if (f != null) {
            return f;
        }
        try {
            f = helper.call(new HostFacts());
            facts = f;
            return f;
        } catch (RuntimeException e) {
            LOG.warn("cannot read the helper's host facts: {}", e.getMessage());
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static long machineMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getTotalMemorySize() > 0) {
            return os.getTotalMemorySize() / MIB;
        }
        return Math.max(1, Runtime.getRuntime().maxMemory() / MIB);
    }

    /** The disk root's file system (or that of its nearest existing parent); 0 when unknown. */
    private long diskGb() {
        if (diskRoot == null) {
            return 0;
        }
        try {
            Path p = diskRoot.toAbsolutePath();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            return p == null ? 0 : Files.getFileStore(p).getTotalSpace() / GIB;
        } catch (IOException | SecurityException e) {
            LOG.warn("cannot size the disk root {}: {}", diskRoot, e.toString());
            return 0;
        }
    }
}
