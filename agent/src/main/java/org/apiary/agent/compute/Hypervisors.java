package org.apiary.agent.compute;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apiary.agent.images.ImageApiCache;
import org.apiary.agent.images.ImageServiceSettings;
import org.apiary.host.fake.FakeHypervisor;
import org.apiary.host.fake.MachineResources;
import org.apiary.host.freebsd.BhyveHypervisor;
import org.apiary.host.linux.ImageCacheDirectory;
import org.apiary.host.linux.QemuHypervisor;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.ImageSource;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the hypervisor driver by {@code [compute] driver} (Nova's load_compute_driver). */
public final class Hypervisors {
    private static final Logger LOG = LoggerFactory.getLogger(Hypervisors.class);
    /** The qemu driver's name in {@code [compute] driver} (its hypervisor type is {@link QemuHypervisor#TYPE}). */
    public static final String QEMU = "qemu";
    /** The bhyve driver's name in {@code [compute] driver}, also its hypervisor type. */
    public static final String BHYVE = BhyveHypervisor.TYPE;
    /** Drivers this build has. */
    public static final List<String> DRIVERS = List.of(FakeHypervisor.TYPE, QEMU, BHYVE);

    private Hypervisors() {}

    /** A driver that needs no host access (fake); qemu and bhyve need the helper, see the other factory. */
    public static Hypervisor create(ComputeAgentSettings settings) {
        return create(settings, null, null);
    }

    /**
     * @param helper       the privileged helper client the agent holds; required by qemu and bhyve, unused by fake
     * @param configDrives makes guests' config drives for qemu and bhyve; null: guests boot without one (logged)
     */
    public static Hypervisor create(ComputeAgentSettings settings, PrivilegedHelper helper,
            ConfigDriveBuilder configDrives) {
        return create(settings, helper, configDrives, null);
    }

    /**
     * @param images where qemu and bhyve find images (null: only what is already in [compute] image_cache_dir),
     *               and what the fake copies as a guest's snapshot (null: the fake cannot snapshot)
     */
    public static Hypervisor create(ComputeAgentSettings settings, PrivilegedHelper helper,
            ConfigDriveBuilder configDrives, ImageSource images) {
        return switch (settings.driver()) {
            case FakeHypervisor.TYPE -> new FakeHypervisor(fakeResources(settings), settings.fakeOperationDelay(),
                    Clock.systemUTC(), images);
            case QEMU -> new QemuHypervisor(requireHelper(settings, helper), images != null ? images
                    : new ImageCacheDirectory(settings.imageCacheDir()), configDrives, settings.qemu());
            case BHYVE -> new BhyveHypervisor(requireHelper(settings, helper), images != null ? images
                    : new ImageCacheDirectory(settings.imageCacheDir()), configDrives, settings.qemu());
            default -> throw new IllegalArgumentException("[compute] driver: unknown driver '" + settings.driver()
                    + "'; available: " + String.join(", ", DRIVERS));
        };
    }

    /**
     * Where the drivers of a host that is not the all-in-one get images and put snapshots: the Image API with the
     * [glance] service user when one is configured, else (qemu, bhyve) only what is already in
     * [compute] image_cache_dir. One line in the log says which. Null for the fake driver without [glance]: it
     * reads no image, and cannot snapshot.
     */
    public static ImageSource hostImages(ComputeAgentSettings settings, Optional<ImageServiceSettings> service) {
        if (settings.driver().equals(FakeHypervisor.TYPE) && service.isEmpty()) {
            return null;
        }
        if (service.isPresent()) {
            LOG.info("images: fetched from the Image API as service user {} into {}", service.get().username(),
                    settings.imageCacheDir());
            return new ImageApiCache(service.get(), settings.imageCacheDir());
        }
        LOG.info("images: no [glance] auth_url set; only images already in {} boot here, and snapshots cannot be "
                + "uploaded", settings.imageCacheDir());
        return new ImageCacheDirectory(settings.imageCacheDir());
    }

    private static PrivilegedHelper requireHelper(ComputeAgentSettings settings, PrivilegedHelper helper) {
        if (helper == null) {
            throw new IllegalArgumentException("[compute] driver = " + settings.driver() + " needs the privileged "
                    + "helper (apiary helper, or all-in-one run as root with [helper] enabled); none is available");
        }
        return helper;
    }

    /** The configured fake sizes, each defaulting to this machine's real one. */
    static HostResources fakeResources(ComputeAgentSettings s) {
        return new HostResources(s.fakeVcpus() != null ? s.fakeVcpus() : MachineResources.vcpus(),
                s.fakeMemoryMb() != null ? s.fakeMemoryMb() : MachineResources.memoryMb(),
                s.fakeDiskGb() != null ? s.fakeDiskGb() : MachineResources.diskGb(Path.of("")));
    }
}
