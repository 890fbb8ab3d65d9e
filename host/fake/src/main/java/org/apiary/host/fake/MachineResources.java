package org.apiary.host.fake;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiary.host.spi.HostResources;

/** This machine's real size, the fake driver's default so a simulated host never claims more than it has. */
public final class MachineResources {
    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    private MachineResources() {}

    public static int vcpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Physical memory in MiB (the JVM's view; falls back to its own max heap if the platform does not say). */
    public static long memoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total / MIB;
            }
        }
        return Math.max(1, Runtime.getRuntime().maxMemory() / MIB);
    }

    /** Size in GiB of the file system that holds {@code path} (where a real driver would keep guest disks). */
    public static long diskGb(Path path) {
        try {
            Path existing = path.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? 0 : Files.getFileStore(existing).getTotalSpace() / GIB;
        } catch (IOException e) {
            return 0;
        }
    }

    public static HostResources of(Path diskPath) {
        return new HostResources(vcpus(), memoryMb(), diskGb(diskPath));
    }
}
