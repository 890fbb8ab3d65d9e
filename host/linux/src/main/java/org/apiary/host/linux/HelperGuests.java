package org.apiary.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apiary.host.linux.KeptGuests.Kept;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.ImageSource;
import org.apiary.host.spi.SerialConsole;
import org.apiary.host.spi.SnapshotFile;
import org.apiary.privhelper.client.PrivilegedHelper;
import org.apiary.privhelper.ops.GuestDestroy;
import org.apiary.privhelper.ops.GuestList;
import org.apiary.privhelper.ops.GuestPoweroff;
import org.apiary.privhelper.ops.GuestReset;
import org.apiary.privhelper.ops.GuestSnapshot;
import org.apiary.privhelper.ops.GuestSpec;
import org.apiary.privhelper.ops.GuestStart;
import org.apiary.privhelper.ops.GuestStatus;
import org.apiary.privhelper.ops.GuestStop;
import org.apiary.privhelper.protocol.ErrorCode;
import org.apiary.privhelper.protocol.HelperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest supervisor of the drivers whose guests are the privileged helper's guest operations: QEMU on
 * Linux ({@link QemuHypervisor}) and bhyve on FreeBSD (host/freebsd). Every change to the host is one of the
 * helper's typed operations: guest_start/stop/poweroff/reset/destroy/status/list/snapshot, console_open,
 * disk_convert/create/resize/delete, host_facts. This class runs no command itself (design §2 rule 6); what
 * differs between the platforms is a {@link GuestPlatform}.
 *
 * <p>A guest is its disks under the helper's disk root ({@link GuestLayout}; bhyve with the helper's ZFS dataset:
 * volumes, see {@link GuestDisks}), the taps the network agent made
 * for its ports, and the spec the driver keeps to start it again ({@link KeptGuests}). Operations on one guest
 * are serialised; operations on different guests run in parallel.
 *
 * <p><b>Reboots inside the guest.</b> Both hypervisors end their process when the guest reboots (QEMU runs
 * with -no-reboot; bhyve exits with status 0, bhyve(8)), and the helper records the exit as {@code reboot}.
 * The driver restarts such a guest with its kept spec, from a background pass every
 * {@link QemuSettings#superviseInterval()} and whenever {@link #status} or {@link #list} find one, so the
 * agent's power-state sync sees it running again. A guest that reboots more than {@link #RESTART_BUDGET}
 * times within {@link #RESTART_WINDOW} is left stopped and reported CRASHED (a boot loop).
 *
 * <p>The lifecycle methods (spawn … consoleOutput) are those of {@link org.apiary.host.spi.Hypervisor}, with
 * its contract; a driver answers them from here and adds its type, version and capabilities.
 */
public final class HelperGuests implements AutoCloseable {
    /** How long a start waits for the network agent to create a port's tap. */
    public static final Duration TAP_WAIT = Duration.ofSeconds(30);
    public static final int RESTART_BUDGET = 5;
    public static final Duration RESTART_WINDOW = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(HelperGuests.class);

    private final PrivilegedHelper helper;
    private final ConfigDriveBuilder configDrives;
    private final QemuSettings settings;
    private final GuestPlatform platform;
    private final GuestDisks disks;
    private final KeptGuests kept;
    private final HostFactsView facts;
    private final GuestConsoles consoles;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Long>> restarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService supervisor;

    /**
     * @param configDrives makes each guest's config drive; null: guests get none (no metadata reaches them)
     * @param settings     directories and timeouts (the qemu and bhyve drivers take the same ones)
     */
    public HelperGuests(PrivilegedHelper helper, ImageSource images, ConfigDriveBuilder configDrives,
            QemuSettings settings, GuestPlatform platform) {
        this.helper = helper;
        this.configDrives = configDrives;
        this.settings = settings;
        this.platform = platform;
        this.facts = new HostFactsView(helper, settings.diskRoot());
        this.disks = new GuestDisks(helper, images, platform, facts::zfsDataset, settings.stateDir());
        this.kept = new KeptGuests(settings.stateDir());
        this.consoles = new GuestConsoles(helper, settings.guestStateDir(),
                settings.stateDir() == null ? null : settings.stateDir().resolve("consoles"));
        if (configDrives == null) {
            LOG.warn("{} driver without a config drive builder: guests boot without a config drive, so no "
                    + "metadata, key or user data reaches them", platform.driverName());
        }
        if (settings.superviseInterval().isPositive()) {
            String thread = platform.driverName().toLowerCase(java.util.Locale.ROOT) + "-reboot-supervisor";
            supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, thread);
                t.setDaemon(true);
                return t;
            });
            long ms = settings.superviseInterval().toMillis();
            supervisor.scheduleWithFixedDelay(this::supervise, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            supervisor = null;
        }
    }

    /** The host's size: host_facts where it says, else this JVM's view of the machine. */
    public HostResources resources() {
        return facts.resources();
    }

    /** A version the helper's host_facts reports in {@code field} ("major.minor[.patch]…"), Nova-encoded. */
    public Optional<Long> factVersion(String field) {
        return facts.version(field);
    }

    public GuestInfo spawn(GuestDefinition def) {
        String uuid = def.uuid();
        return locked(uuid, () -> {
            Optional<JsonNode> present = helperStatus(uuid);
            if (present.isPresent()) {
                if (kept.get(uuid).isEmpty()) {
                    kept.put(uuid, keep(def, disks.spec(def, buildConfigDrive(def), platform)));
                }
                return GuestStates.info(present.get());
            }
            // Leftovers of a spawn that was interrupted before the helper knew the guest: nothing runs them.
            disks.remove(GuestLayout.allDisks(uuid));
            String cdrom = null;
            try {
                disks.makeRoot(def);
                disks.makeBlank(GuestLayout.ephemeralDisk(uuid), def.ephemeralGb() * GuestLayout.GIB);
                disks.makeBlank(GuestLayout.swapDisk(uuid), def.swapMb() * GuestLayout.MIB);
                cdrom = buildConfigDrive(def);
                GuestSpec spec = disks.spec(def, cdrom, platform);
                kept.put(uuid, keep(def, spec));
                return start(spec);
            } catch (RuntimeException e) {
                LOG.warn("spawning guest {} failed, removing what was made: {}", uuid, e.getMessage());
                quietly(() -> helper.call(new GuestDestroy(uuid)));
                disks.removeQuietly(extraPath(uuid, cdrom));
                disks.removeQuietly(GuestLayout.allDisks(uuid));
                kept.remove(uuid);
                throw e;
            }
        });
    }

    public GuestInfo reboot(String uuid, boolean hard) {
        return locked(uuid, () -> {
            JsonNode st = requireStatus(uuid);
            GuestSpec spec = requireKept(uuid).spec();
            if (running(st)) {
                if (hard) {
                    reset(uuid);
                } else {
                    helper.call(new GuestStop(uuid));
                    if (!awaitStopped(uuid, settings.softRebootTimeout())) {
                        LOG.info("guest {} did not shut down within {} s for a soft reboot; cutting its power", uuid,
                                settings.softRebootTimeout().toSeconds());
                        helper.call(new GuestPoweroff(uuid));
                    }
                }
            }
            return start(spec);
        });
    }

    public GuestInfo powerOff(String uuid, Duration cleanTimeout) {
        return locked(uuid, () -> {
            if (running(requireStatus(uuid))) {
                stop(uuid, cleanTimeout);
            }
            return GuestStates.info(requireStatus(uuid));
        });
    }

    public GuestInfo powerOn(String uuid) {
        return locked(uuid, () -> {
            JsonNode st = requireStatus(uuid);
            if (running(st)) {
                return GuestStates.info(st);
            }
            return start(requireKept(uuid).spec());
        });
    }

    public GuestInfo resize(GuestDefinition def) {
        String uuid = def.uuid();
        return locked(uuid, () -> {
            boolean wasRunning = running(requireStatus(uuid));
            Optional<Kept> old = kept.get(uuid);
            if (wasRunning) {
                stop(uuid, settings.softRebootTimeout());
            }
            long unknown = -1;
            disks.grow(GuestLayout.rootDisk(uuid), old.map(k -> k.rootGb() * GuestLayout.GIB).orElse(unknown),
                    def.rootGb() * GuestLayout.GIB);
            disks.grow(GuestLayout.ephemeralDisk(uuid), old.map(k -> k.ephemeralGb() * GuestLayout.GIB)
                    .orElse(unknown), def.ephemeralGb() * GuestLayout.GIB);
            disks.grow(GuestLayout.swapDisk(uuid), old.map(k -> k.swapMb() * GuestLayout.MIB).orElse(unknown),
                    def.swapMb() * GuestLayout.MIB);
            int rootGb = Math.max(def.rootGb(), old.map(Kept::rootGb).orElse(0));
            int ephemeralGb = Math.max(def.ephemeralGb(), old.map(Kept::ephemeralGb).orElse(0));
            int swapMb = Math.max(def.swapMb(), old.map(Kept::swapMb).orElse(0));
            String cdrom = old.isPresent() ? old.get().spec().cdrom() : buildConfigDrive(def);
            GuestSpec spec = disks.spec(def, ephemeralGb > 0, swapMb > 0, cdrom, platform);
            kept.put(uuid, new Kept(spec, rootGb, ephemeralGb, swapMb));
            return wasRunning ? start(spec) : GuestStates.info(requireStatus(uuid));
        });
    }

    public GuestInfo rebuild(GuestDefinition def) {
        String uuid = def.uuid();
        return locked(uuid, () -> {
            if (running(requireStatus(uuid))) {
                stop(uuid, settings.softRebootTimeout());
            }
            Optional<Kept> old = kept.get(uuid);
            disks.remove(List.of(GuestLayout.rootDisk(uuid)));
            disks.makeRoot(def);
            String cdrom = configDrives != null ? buildConfigDrive(def) : old.map(k -> k.spec().cdrom()).orElse(null);
            int ephemeralGb = Math.max(def.ephemeralGb(), old.map(Kept::ephemeralGb).orElse(0));
            int swapMb = Math.max(def.swapMb(), old.map(Kept::swapMb).orElse(0));
            GuestSpec spec = disks.spec(def, ephemeralGb > 0, swapMb > 0, cdrom, platform);
            kept.put(uuid, new Kept(spec, def.rootGb(), ephemeralGb, swapMb));
            return start(spec);
        });
    }

    public boolean destroy(String uuid) {
        return locked(uuid, () -> {
            Optional<Kept> k = kept.get(uuid);
            boolean existed = helperStatus(uuid).isPresent() || k.isPresent();
            helper.call(new GuestDestroy(uuid));
            disks.remove(extraPath(uuid, k.map(x -> x.spec().cdrom()).orElse(null)));
            disks.remove(GuestLayout.allDisks(uuid));
            kept.remove(uuid);
            consoles.forget(uuid);
            restarts.remove(uuid);
            return existed;
        });
    }

    /**
     * createImage: a qcow2 copy of the root disk in the disk root's {@code snapshots/} directory
     * (guest_snapshot). QEMU pauses a running guest around the copy (the helper does, with QMP stop/cont);
     * bhyve cannot pause, so a running guest is shut down cleanly (the soft-reboot wait, then a power cut),
     * copied and started again, also when the copy failed.
     */
    public SnapshotFile snapshot(String uuid, String imageId) {
        if (imageId == null || !imageId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")) {
            throw new IllegalArgumentException("image id '" + imageId + "' cannot name a snapshot file");
        }
        String target = GuestSnapshot.DIRECTORY + "/" + imageId + ".qcow2";
        return locked(uuid, () -> {
            boolean cold = running(requireStatus(uuid)) && !platform.livePause();
            GuestSpec restart = cold ? requireKept(uuid).spec() : null;
            if (cold) {
                LOG.info("guest {}: {} cannot pause a guest; shutting it down for the snapshot", uuid,
                        platform.driverName());
                stop(uuid, settings.softRebootTimeout());
            }
            disks.remove(List.of(target)); // a copy an interrupted attempt left; guest_snapshot writes a new file
            JsonNode written;
            try {
                written = helper.call(new GuestSnapshot(uuid, disks.placed(GuestLayout.rootDisk(uuid)),
                        platform.diskFormat(), target));
            } catch (RuntimeException e) {
                if (cold) {
                    quietly(() -> start(restart));
                }
                throw e;
            }
            if (cold) {
                start(restart);
            }
            return new SnapshotFile(java.nio.file.Path.of(written.path("path").asText()),
                    written.path("format").asText(), written.path("sizeBytes").asLong());
        });
    }

    /** Removes a snapshot file (disk_delete; a missing file changes nothing). */
    public void removeSnapshot(SnapshotFile file) {
        disks.remove(List.of(file.path().toString()));
    }

    public Optional<GuestInfo> status(String uuid) {
        return helperStatus(uuid).map(this::observe);
    }

    public List<GuestInfo> list() {
        List<GuestInfo> out = new ArrayList<>();
        for (JsonNode g : helper.call(new GuestList()).path("guests")) {
            out.add(observe(g));
        }
        return out;
    }

    public String consoleOutput(String uuid) {
        return consoles.output(uuid, running(requireStatus(uuid)));
    }

    /** Where the console proxy reaches the guest's serial console; empty unless it is running. */
    public Optional<SerialConsole> serialConsole(String uuid) {
        return running(requireStatus(uuid)) ? consoles.serial(uuid) : Optional.empty();
    }

    /** Stops the background pass; guests keep running (they are the helper's children, not ours). */
    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        consoles.close();
    }

    /** One supervision pass: {@link #list} restarts what rebooted itself. */
    public void supervise() {
        try {
            list();
        } catch (RuntimeException e) {
            LOG.warn("{} guest supervision pass failed: {}", platform.driverName(), e.toString());
        }
    }

    // ---- steps ----

    private GuestInfo start(GuestSpec spec) {
        startWhenTapsExist(spec);
        consoles.open(spec.name());
        return GuestStates.info(requireStatus(spec.name()));
    }

    /**
     * The network agent plugs a port's tap when it sees the port bound to this host, which can be a
     * moment after the conductor asks for the guest (Nova waits for Neutron's network-vif-plugged
     * event for the same reason). A start refused because a tap does not exist yet is retried for up
     * to {@link #TAP_WAIT}.
     */
    private void startWhenTapsExist(GuestSpec spec) {
        long deadline = System.nanoTime() + TAP_WAIT.toNanos();
        while (true) {
            try {
                helper.call(new GuestStart(spec));
                return;
            } catch (HelperException e) {
                boolean tapMissing = e.code() == ErrorCode.CONFLICT && e.getMessage() != null
                        && e.getMessage().startsWith("apt-") && e.getMessage().endsWith("does not exist");
                if (!tapMissing || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("guest {}: {}; waiting for the network agent to plug it", spec.name(), e.getMessage());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** ACPI shutdown, up to timeout, then power cut; a zero timeout cuts the power at once. */
    private void stop(String uuid, Duration timeout) {
        if (timeout.isPositive()) {
            helper.call(new GuestStop(uuid));
            if (awaitStopped(uuid, timeout)) {
                return;
            }
        }
        helper.call(new GuestPoweroff(uuid));
    }

    /** guest_reset waits for the hypervisor process to exit; a guest that stopped meanwhile needs no reset. */
    private void reset(String uuid) {
        try {
            helper.call(new GuestReset(uuid));
        } catch (HelperException e) {
            if (e.code() != ErrorCode.CONFLICT || running(requireStatus(uuid))) {
                throw e;
            }
        }
    }

    private boolean awaitStopped(String uuid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!running(requireStatus(uuid))) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(settings.pollInterval().toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** A status from the status or list call; a guest that rebooted itself is restarted first (class comment). */
    private GuestInfo observe(JsonNode st) {
        GuestInfo info = GuestStates.info(st);
        if (!GuestStates.rebooted(st)) {
            return info;
        }
        ReentrantLock lock = lock(info.uuid());
        if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
            return info; // an operation on this guest is under way and decides itself
        }
        try {
            return restartAfterReboot(info.uuid()).orElse(info);
        } finally {
            lock.unlock();
        }
    }

    private Optional<GuestInfo> restartAfterReboot(String uuid) {
        Optional<JsonNode> st = helperStatus(uuid);
        if (st.isEmpty() || !GuestStates.rebooted(st.get())) {
            return st.map(GuestStates::info);
        }
        Optional<Kept> k = kept.get(uuid);
        if (k.isEmpty()) {
            LOG.warn("guest {} rebooted but the driver keeps no spec to start it again; it stays off", uuid);
            return Optional.empty();
        }
        List<Long> recent = restarts.computeIfAbsent(uuid, u -> new ArrayList<>());
        long now = System.nanoTime();
        recent.removeIf(t -> now - t > RESTART_WINDOW.toNanos());
        if (recent.size() >= RESTART_BUDGET) {
            return Optional.of(new GuestInfo(uuid, GuestState.CRASHED, "rebooted "
                    + recent.size() + " times within " + RESTART_WINDOW.toSeconds() + " s; left off (boot loop)"));
        }
        recent.add(now);
        LOG.info("guest {} rebooted ({} exits on reboot); starting it again", uuid, platform.driverName());
        try {
            return Optional.of(start(k.get().spec()));
        } catch (RuntimeException e) {
            LOG.warn("guest {} rebooted and could not be started again: {}", uuid, e.getMessage());
            return helperStatus(uuid).map(GuestStates::info);
        }
    }

    // ---- helper state ----

    /** The helper's guest_status; empty when the helper does not know the guest (it answers conflict). */
    private Optional<JsonNode> helperStatus(String uuid) {
        try {
            return Optional.of(helper.call(new GuestStatus(uuid)));
        } catch (HelperException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode requireStatus(String uuid) {
        return helperStatus(uuid).orElseThrow(() -> new GuestNotFoundException(uuid));
    }

    private Kept requireKept(String uuid) {
        return kept.get(uuid).orElseThrow(() -> new IllegalStateException("the " + platform.driverName()
                + " driver keeps no spec of guest " + uuid + " (its state file is gone), so it cannot start it; "
                + "rebuild the server to recreate it"));
    }

    private static boolean running(JsonNode st) {
        return st.path("running").asBoolean(false);
    }

    private String buildConfigDrive(GuestDefinition def) {
        return configDrives == null ? null : configDrives.build(def).toString();
    }

    private static Kept keep(GuestDefinition def, GuestSpec spec) {
        return new Kept(spec, def.rootGb(), def.ephemeralGb(), def.swapMb());
    }

    /** A config drive the builder put somewhere else than the conventional path, which destroy removes anyway. */
    private static List<String> extraPath(String uuid, String cdrom) {
        return cdrom == null || cdrom.equals(GuestLayout.configDrive(uuid))
                || cdrom.endsWith("/" + GuestLayout.configDrive(uuid)) ? List.of() : List.of(cdrom);
    }

    private ReentrantLock lock(String uuid) {
        return locks.computeIfAbsent(uuid, u -> new ReentrantLock());
    }

    private <T> T locked(String uuid, Supplier<T> step) {
        ReentrantLock lock = lock(uuid);
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("cleanup step failed: {}", e.getMessage());
        }
    }
}
