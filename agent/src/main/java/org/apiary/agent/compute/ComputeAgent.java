package org.apiary.agent.compute;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.GuestSpec;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.HostReport;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNotFoundException;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host compute agent (nova-compute's role): serves the conductor's {@link ComputeAgentRpc} over a
 * {@link Hypervisor}, and keeps the conductor informed. At start it reports the host and reconciles the
 * hypervisor with the guests assigned here, retrying with backoff while the conductor does not answer;
 * then it sends a heartbeat every report interval and compares power states every sync interval.
 *
 * <p>Every operation is idempotent, as the contract asks: spawning a guest that exists, powering off one
 * that is off (or gone) and destroying one that is gone answer the present status. Rebooting, powering on,
 * resizing or rebuilding a guest this host does not have throws {@link GuestNotFoundException}, which the
 * bus carries back to the conductor.
 */
public final class ComputeAgent implements ComputeAgentRpc, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeAgent.class);
    /** Clean-shutdown wait when the agent itself powers a guest off (Nova's shutdown_timeout). */
    static final Duration CLEAN_SHUTDOWN = Duration.ofSeconds(60);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final ComputeAgentSettings settings;
    private final Hypervisor hypervisor;
    private final ConductorRpc conductor;
    private final GuestTracker tracker = new GuestTracker();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("compute-agent").daemon().factory());
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("compute-agent-report").daemon().factory());
    private volatile String computeNodeUuid;
    private volatile boolean heartbeatFailing;
    private volatile StartupReconciler.Pass startPass;
    private final AtomicInteger failedRegistrations = new AtomicInteger();

    private final SnapshotJobs snapshots;

    public ComputeAgent(ComputeAgentSettings settings, Hypervisor hypervisor, ConductorRpc conductor) {
        this(settings, hypervisor, conductor, null);
    }

    /** @param images where snapshots (createImage) are uploaded; null: snapshots fail saying the host cannot */
    public ComputeAgent(ComputeAgentSettings settings, Hypervisor hypervisor, ConductorRpc conductor,
            ImageSource images) {
        this.settings = settings;
        this.hypervisor = hypervisor;
        this.conductor = conductor;
        this.snapshots = new SnapshotJobs(settings.host(), hypervisor, images, conductor, tracker);
    }

    /** Registers with the conductor (retrying until it answers), reconciles, then starts the periodic loops. */
    public void start() {
        if (hypervisor.simulated()) {
            LOG.warn("compute driver '{}': guests on host '{}' are SIMULATED IN MEMORY; nothing actually runs",
                    hypervisor.type(), settings.host());
        }
        HostResources r = hypervisor.resources();
        LOG.info("compute agent for host '{}' starting: {} {} with {} CPUs, {} MiB, {} GiB (report every {} ms, "
                + "power-state sync every {} ms)", settings.host(), hypervisor.type(), hypervisor.version(), r.vcpus(),
                r.memoryMb(), r.diskGb(), settings.reportInterval().toMillis(),
                settings.syncPowerStateInterval().toMillis());
        Duration first = settings.reportInterval().compareTo(Duration.ofSeconds(1)) < 0
                ? settings.reportInterval() : Duration.ofSeconds(1);
        loop.execute(() -> registerOrRetry(first));
    }

    private void registerOrRetry(Duration backoff) {
        try {
            register();
        } catch (RuntimeException e) {
            failedRegistrations.incrementAndGet();
            LOG.warn("cannot register host '{}' with the conductor ({}); retrying in {} ms", settings.host(),
                    e.toString(), backoff.toMillis());
            Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            schedule(loop, () -> registerOrRetry(next), backoff);
            return;
        }
        long report = settings.reportInterval().toMillis();
        long sync = settings.syncPowerStateInterval().toMillis();
        try {
            heartbeat.scheduleAtFixedRate(this::heartbeatSafely, report, report, TimeUnit.MILLISECONDS);
            loop.scheduleWithFixedDelay(this::syncSafely, sync, sync, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() ran meanwhile
        }
    }

    /** One start step on the caller's thread: report the host, then reconcile with its assigned guests. */
    void register() {
        computeNodeUuid = conductor.reportHost(report());
        LOG.info("host '{}' registered with the conductor (compute node {})", settings.host(), computeNodeUuid);
        long since = tracker.snapshot();
        startPass = new StartupReconciler(settings.host(), hypervisor, conductor, tracker, CLEAN_SHUTDOWN)
                .reconcile(conductor.assignedGuests(settings.host()), since);
    }

    /** The heartbeat: this host's identity, capacity, reservations, ratios and capabilities. */
    HostReport report() {
        HostResources r = hypervisor.resources();
        int running = (int) hypervisor.list().stream().filter(g -> g.state() == GuestState.RUNNING).count();
        return new HostReport(settings.host(), settings.host(), hypervisor.type(), hypervisor.version(),
                settings.hostIp(), r.vcpus(), r.memoryMb(), r.diskGb(), settings.reservedVcpus(),
                settings.reservedMemoryMb(), settings.reservedDiskGb(), settings.cpuAllocationRatio(),
                settings.ramAllocationRatio(), settings.diskAllocationRatio(), hypervisor.capabilities(), running);
    }

    private void heartbeatSafely() {
        try {
            computeNodeUuid = conductor.reportHost(report());
            if (heartbeatFailing) {
                LOG.info("host report to the conductor works again");
                heartbeatFailing = false;
            }
        } catch (RuntimeException e) {
            if (!heartbeatFailing) {
                LOG.warn("host report to the conductor failed: {} (retrying every {} ms)", e.toString(),
                        settings.reportInterval().toMillis());
                heartbeatFailing = true;
            } else {
                LOG.debug("host report failed again: {}", e.toString());
            }
        }
    }

    private void syncSafely() {
        try {
            syncPowerStates();
        } catch (RuntimeException e) {
            LOG.warn("power-state sync failed: {}", e.toString());
        }
    }

    /**
     * Compares the hypervisor's guests with what the agent last knew and tells the conductor about each
     * difference (a guest that stopped, crashed or vanished behind our back). Guests the agent is acting on
     * are left for the next round. Answers how many changes were reported.
     */
    int syncPowerStates() {
        long since = tracker.snapshot();
        Map<String, GuestInfo> now = hypervisor.list().stream()
                .collect(Collectors.toMap(GuestInfo::uuid, Function.identity()));
        int reported = 0;
        for (GuestInfo g : now.values()) {
            GuestState known = tracker.lastKnown(g.uuid());
            if (g.state() != known && tracker.quietSince(g.uuid(), since)) {
                LOG.info("guest {} changed from {} to {} without the conductor asking{}", g.uuid(),
                        known == null ? "unknown" : known, g.state(), g.detail() == null ? "" : ": " + g.detail());
                reported += tell(GuestMapping.status(g), g.state());
            }
        }
        for (String uuid : tracker.known()) {
            if (!now.containsKey(uuid) && tracker.quietSince(uuid, since)) {
                LOG.info("guest {} vanished from the hypervisor", uuid);
                reported += tell(GuestStatus.gone(uuid), null);
            }
        }
        return reported;
    }

    /** A cast to the conductor; the new state is remembered only once it is sent, so a failure retries. */
    private int tell(GuestStatus status, GuestState state) {
        try {
            conductor.guestChanged(settings.host(), status);
            tracker.record(status.uuid(), state);
            return 1;
        } catch (RuntimeException e) {
            LOG.warn("cannot report guest {} to the conductor: {}", status.uuid(), e.toString());
            return 0;
        }
    }

    // ComputeAgentRpc: the conductor's requests.

    @Override
    public GuestStatus spawn(GuestSpec spec) {
        var definition = GuestMapping.definition(spec);
        Optional<GuestInfo> existing = hypervisor.status(spec.uuid());
        if (existing.isPresent()) {
            LOG.info("spawn of guest {}: it already exists ({}), nothing to do", spec.uuid(), existing.get().state());
            tracker.record(spec.uuid(), existing.get().state());
            return GuestMapping.status(existing.get());
        }
        LOG.info("spawning guest {} ({} vcpus, {} MiB, image {})", spec.uuid(), spec.vcpus(), spec.memoryMb(),
                spec.imageId());
        return act(spec.uuid(), () -> hypervisor.spawn(definition));
    }

    @Override
    public GuestStatus reboot(String uuid, boolean hard) {
        LOG.info("{} reboot of guest {}", hard ? "hard" : "soft", uuid);
        return act(uuid, () -> hypervisor.reboot(uuid, hard));
    }

    @Override
    public GuestStatus powerOff(String uuid, int timeoutSeconds) {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must not be negative (got " + timeoutSeconds + ")");
        }
        Optional<GuestInfo> now = hypervisor.status(uuid);
        if (now.isEmpty()) {
            LOG.info("power off of guest {}: not on this host, nothing to do", uuid);
            tracker.record(uuid, null);
            return GuestStatus.gone(uuid);
        }
        if (now.get().state() == GuestState.SHUTDOWN) {
            tracker.record(uuid, GuestState.SHUTDOWN);
            return GuestMapping.status(now.get());
        }
        LOG.info("powering off guest {} (clean shutdown within {} s)", uuid, timeoutSeconds);
        return act(uuid, () -> hypervisor.powerOff(uuid, Duration.ofSeconds(timeoutSeconds)));
    }

    @Override
    public GuestStatus powerOn(String uuid) {
        LOG.info("powering on guest {}", uuid);
        return act(uuid, () -> hypervisor.powerOn(uuid));
    }

    @Override
    public GuestStatus resize(GuestSpec spec) {
        var definition = GuestMapping.definition(spec);
        LOG.info("resizing guest {} to {} vcpus, {} MiB, root {} GiB", spec.uuid(), spec.vcpus(), spec.memoryMb(),
                spec.rootGb());
        return act(spec.uuid(), () -> hypervisor.resize(definition));
    }

    @Override
    public GuestStatus rebuild(GuestSpec spec) {
        var definition = GuestMapping.definition(spec);
        LOG.info("rebuilding guest {} from image {}", spec.uuid(), spec.imageId());
        return act(spec.uuid(), () -> hypervisor.rebuild(definition));
    }

    @Override
    public GuestStatus destroy(String uuid) {
        tracker.begin(uuid);
        try {
            boolean removed = hypervisor.destroy(uuid);
            LOG.info(removed ? "destroyed guest {}" : "destroy of guest {}: not on this host, nothing to do", uuid);
            tracker.end(uuid, null);
            return GuestStatus.gone(uuid);
        } catch (RuntimeException e) {
            tracker.abort(uuid);
            throw e;
        }
    }

    /** Runs on its own (see {@link SnapshotJobs}); a guest this host does not have fails the snapshot. */
    @Override
    public void snapshot(String uuid, String imageId) {
        snapshots.start(uuid, imageId);
    }

    @Override
    public String consoleOutput(String uuid, Integer lines) {
        if (lines != null && lines < 0) {
            throw new IllegalArgumentException("lines must not be negative (got " + lines + ")");
        }
        String text = notFoundHere(uuid, () -> hypervisor.consoleOutput(uuid));
        if (lines == null) {
            return text;
        }
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public List<GuestStatus> guests() {
        return hypervisor.list().stream().map(GuestMapping::status).toList();
    }

    /** One guest operation: tracked so the power-state sync never reports it as a change behind our back. */
    private GuestStatus act(String uuid, Supplier<GuestInfo> step) {
        tracker.begin(uuid);
        try {
            GuestInfo result = notFoundHere(uuid, step);
            tracker.end(uuid, result.state());
            return GuestMapping.status(result);
        } catch (RuntimeException e) {
            tracker.abort(uuid);
            throw e;
        }
    }

    /** The driver's not-found, reworded with this host's name for the conductor's logs and faults. */
    private <T> T notFoundHere(String uuid, Supplier<T> step) {
        try {
            return step.get();
        } catch (GuestNotFoundException e) {
            throw new GuestNotFoundException(uuid, "guest " + uuid + " is not on host '" + settings.host() + "'");
        }
    }

    /** The compute node uuid the conductor answered, or null before registration. */
    public String computeNodeUuid() {
        return computeNodeUuid;
    }

    /** Whether the last heartbeat failed. */
    boolean heartbeatFailing() {
        return heartbeatFailing;
    }

    /** Start-up attempts that failed (conductor unreachable or failing). */
    int failedRegistrations() {
        return failedRegistrations.get();
    }

    /** What the start-up reconciliation did, or null before it ran. */
    StartupReconciler.Pass startPass() {
        return startPass;
    }

    private static void schedule(ScheduledExecutorService executor, Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() ran meanwhile
        }
    }

    /** Stops the loops. Guests keep running: a restarted agent adopts them. */
    @Override
    public void close() {
        snapshots.close();
        loop.shutdownNow();
        heartbeat.shutdownNow();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
