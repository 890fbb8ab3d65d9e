package org.apiary.host.fake;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ComputeTraits;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.host.spi.SnapshotFile;

/**
 * The fake driver (type {@code fake}): guests are simulated in memory, nothing runs. It keeps each guest's
 * definition and power state and follows the real drivers' state machine, so the controller and the agent
 * can be tested, demonstrated and benchmarked without a hypervisor (Nova's {@code nova/virt/fake.py}).
 *
 * <p>An optional delay per operation makes in-flight states observable: during it the guest's status shows
 * what is going on in its detail ("spawning", "rebooting", …) and keeps its previous state.
 */
public final class FakeHypervisor implements Hypervisor {
    public static final String TYPE = "fake";
    public static final long VERSION = Hypervisor.encodeVersion(1, 0, 0);
    /** What Nova's fake driver answers for every console; ours follows the lines it logged itself. */
    public static final String NOVA_FAKE_CONSOLE = "FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE";

    private final HostResources resources;
    private final Duration operationDelay;
    private final Clock clock;
    private final ConcurrentMap<String, FakeGuest> guests = new ConcurrentHashMap<>();
    private final ImageSource images;

    public FakeHypervisor(HostResources resources) {
        this(resources, Duration.ZERO, Clock.systemUTC());
    }

    public FakeHypervisor(HostResources resources, Duration operationDelay, Clock clock) {
        this(resources, operationDelay, clock, null);
    }

    /** @param images where guests' images come from for {@link #snapshot}; null: the fake cannot snapshot */
    public FakeHypervisor(HostResources resources, Duration operationDelay, Clock clock, ImageSource images) {
        if (operationDelay.isNegative()) {
            throw new IllegalArgumentException("operation delay must not be negative");
        }
        this.resources = resources;
        this.operationDelay = operationDelay;
        this.clock = clock;
        this.images = images;
    }

    /**
     * A fake guest has no disk, and nothing ran that could have changed one: its disk is the image it was
     * built (or rebuilt) from, so that image's data is its snapshot, copied to a temporary file. Snapshots are
     * qcow2 (what the real drivers write, and what the compute API declares to the image service), so a guest
     * of a raw image, or a fake without an image source, cannot be snapshotted, and says so instead of
     * inventing data.
     */
    @Override
    public SnapshotFile snapshot(String uuid, String imageId) {
        FakeGuest g = require(uuid);
        if (images == null) {
            throw new UnsupportedOperationException("the fake compute driver has no disks, and no image source to "
                    + "copy guest " + uuid + "'s image from; it cannot snapshot");
        }
        CachedImage image = images.fetch(g.definition().imageId());
        if (!"qcow2".equals(image.format())) {
            throw new UnsupportedOperationException("the fake compute driver snapshots a guest by copying its "
                    + "image, and snapshots are qcow2; guest " + uuid + "'s image is " + image.format());
        }
        pause();
        try {
            Path file = Files.createTempFile("apiary-fake-snapshot-" + imageId + "-", ".qcow2");
            Files.copy(image.path(), file, StandardCopyOption.REPLACE_EXISTING);
            g.log("snapshot " + imageId + " taken");
            return new SnapshotFile(file, "qcow2", Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy guest " + uuid + "'s image for snapshot " + imageId, e);
        }
    }

    @Override
    public void removeSnapshot(SnapshotFile file) {
        try {
            Files.deleteIfExists(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove snapshot file " + file.path(), e);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long version() {
        return VERSION;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public HostResources resources() {
        return resources;
    }

    /**
     * Raw and qcow2: the fake never reads a disk, so it boots any image; it claims the two formats the real
     * drivers will take, so the scheduler's image-type filter treats a fake host like a real one. Nothing
     * else is claimed: it has no interface hot-plug, device tags, volumes or migration.
     */
    @Override
    public Set<String> capabilities() {
        return Set.of(ComputeTraits.IMAGE_TYPE_RAW, ComputeTraits.IMAGE_TYPE_QCOW2);
    }

    @Override
    public GuestInfo spawn(GuestDefinition definition) {
        FakeGuest fresh = new FakeGuest(definition, clock);
        FakeGuest existing = guests.putIfAbsent(definition.uuid(), fresh);
        if (existing != null) {
            return existing.info();
        }
        pause();
        if (guests.get(definition.uuid()) != fresh) {
            throw new GuestNotFoundException(definition.uuid(), "guest " + definition.uuid()
                    + " was destroyed while it was being spawned");
        }
        return fresh.set(GuestState.RUNNING, "guest started (" + definition.vcpus() + " vcpus, "
                + definition.memoryMb() + " MiB, image " + definition.imageId() + ", " + definition.nics().size()
                + " NICs" + (definition.bootData().configDrive() ? ", config drive" : "") + ")");
    }

    @Override
    public GuestInfo reboot(String uuid, boolean hard) {
        FakeGuest g = require(uuid);
        g.busy(hard ? "rebooting (hard)" : "rebooting");
        pause();
        return g.set(GuestState.RUNNING, hard ? "guest reset (hard reboot)" : "guest rebooted (soft reboot)");
    }

    @Override
    public GuestInfo powerOff(String uuid, Duration cleanTimeout) {
        FakeGuest g = require(uuid);
        if (g.state() == GuestState.SHUTDOWN) {
            return g.info();
        }
        g.busy("powering off");
        pause();
        return g.set(GuestState.SHUTDOWN, "guest stopped (clean shutdown within " + cleanTimeout.toSeconds()
                + " s)");
    }

    @Override
    public GuestInfo powerOn(String uuid) {
        FakeGuest g = require(uuid);
        if (g.state() == GuestState.RUNNING) {
            return g.info();
        }
        g.busy("powering on");
        pause();
        return g.set(GuestState.RUNNING, "guest started");
    }

    @Override
    public GuestInfo resize(GuestDefinition definition) {
        FakeGuest g = require(definition.uuid());
        g.busy("resizing");
        pause();
        return g.resize(definition);
    }

    @Override
    public GuestInfo rebuild(GuestDefinition definition) {
        FakeGuest g = require(definition.uuid());
        g.busy("rebuilding");
        pause();
        return g.rebuild(definition);
    }

    @Override
    public boolean destroy(String uuid) {
        FakeGuest g = guests.get(uuid);
        if (g == null) {
            return false;
        }
        g.busy("deleting");
        pause();
        return guests.remove(uuid, g);
    }

    @Override
    public Optional<GuestInfo> status(String uuid) {
        return Optional.ofNullable(guests.get(uuid)).map(FakeGuest::info);
    }

    @Override
    public List<GuestInfo> list() {
        return guests.values().stream().map(FakeGuest::info).sorted(Comparator.comparing(GuestInfo::uuid)).toList();
    }

    @Override
    public String consoleOutput(String uuid) {
        return require(uuid).consoleLog() + NOVA_FAKE_CONSOLE;
    }

    /** The guest's present definition (after resize and rebuild), for tests and demos. */
    public Optional<GuestDefinition> definition(String uuid) {
        return Optional.ofNullable(guests.get(uuid)).map(FakeGuest::definition);
    }

    /** Its root disk size in GiB: resize grows it, never shrinks it; rebuild makes a fresh one. */
    public Optional<Integer> rootDiskGb(String uuid) {
        return Optional.ofNullable(guests.get(uuid)).map(FakeGuest::rootDiskGb);
    }

    /** The guest powers itself off (e.g. `poweroff` inside it), without the agent asking. */
    public GuestInfo simulateGuestShutdown(String uuid) {
        return require(uuid).set(GuestState.SHUTDOWN, "guest shut itself down");
    }

    /** The guest's process dies, as a real hypervisor reports a crashed guest. */
    public GuestInfo simulateCrash(String uuid, String reason) {
        return require(uuid).set(GuestState.CRASHED, "guest crashed: " + reason);
    }

    private FakeGuest require(String uuid) {
        FakeGuest g = guests.get(uuid);
        if (g == null) {
            throw new GuestNotFoundException(uuid);
        }
        return g;
    }

    private void pause() {
        if (operationDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(operationDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a simulated operation", e);
        }
    }

    @Override
    public String toString() {
        return "fake hypervisor (in-memory, " + guests.size() + " simulated guests, " + resources + ")";
    }
}
