package org.apiary.agent.compute;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiary.compute.rpc.AssignedGuest;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.PowerState;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestState;
import org.apiary.host.spi.Hypervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the hypervisor match what the conductor assigns this host, once at start: a guest that should run
 * and is missing is spawned, one in the wrong power state is powered on or off, one the conductor does not
 * assign here is destroyed. A guest that cannot be brought to its state is reported through
 * {@link ConductorRpc#guestChanged}. Failures on one guest never stop the others.
 */
final class StartupReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReconciler.class);

    /** What one pass did, for the log and tests. */
    record Pass(int adopted, int spawned, int poweredOn, int poweredOff, int destroyed, int failed) {}

    private final String host;
    private final Hypervisor hypervisor;
    private final ConductorRpc conductor;
    private final GuestTracker tracker;
    private final Duration cleanShutdown;

    StartupReconciler(String host, Hypervisor hypervisor, ConductorRpc conductor, GuestTracker tracker,
            Duration cleanShutdown) {
        this.host = host;
        this.hypervisor = hypervisor;
        this.conductor = conductor;
        this.tracker = tracker;
        this.cleanShutdown = cleanShutdown;
    }

    /**
     * @param assignedGuests what the conductor answered
     * @param since          a {@link GuestTracker#snapshot()} taken before asking it: a guest the conductor had the
     *                       agent act on since then is newer than the answer and left alone
     */
    Pass reconcile(List<AssignedGuest> assignedGuests, long since) {
        Map<String, AssignedGuest> assigned = new LinkedHashMap<>();
        assignedGuests.forEach(a -> assigned.put(a.spec().uuid(), a));
        int adopted = 0, spawned = 0, on = 0, off = 0, destroyed = 0, failed = 0;
        for (GuestInfo present : hypervisor.list()) {
            if (!assigned.containsKey(present.uuid()) && tracker.quietSince(present.uuid(), since)) {
                LOG.info("removing guest {} ({}): the conductor does not assign it to host '{}'", present.uuid(),
                        present.state(), host);
                if (act(present.uuid(), "removal", () -> {
                    hypervisor.destroy(present.uuid());
                    return null;
                })) {
                    destroyed++;
                } else {
                    failed++;
                }
            }
        }
        for (AssignedGuest a : assigned.values()) {
            String uuid = a.spec().uuid();
            if (!tracker.quietSince(uuid, since)) {
                LOG.info("guest {}: the conductor acted on it since it answered; left as it is", uuid);
                continue;
            }
            Optional<GuestInfo> present = hypervisor.status(uuid);
            boolean ok;
            if (present.isEmpty()) {
                if (!a.running()) {
                    LOG.warn("guest {} is assigned here (stopped) but the hypervisor has no such guest; reporting it"
                            + " gone", uuid);
                    tell(GuestStatus.gone(uuid));
                    failed++;
                    continue;
                }
                LOG.info("spawning guest {}: assigned here and running, but missing on the hypervisor", uuid);
                ok = act(uuid, "spawn", () -> hypervisor.spawn(GuestMapping.definition(a.spec())));
                spawned += ok ? 1 : 0;
            } else if (a.running() && present.get().state() != GuestState.RUNNING) {
                LOG.info("powering on guest {} ({}): it should be running", uuid, present.get().state());
                ok = act(uuid, "power on", () -> hypervisor.powerOn(uuid));
                on += ok ? 1 : 0;
            } else if (!a.running() && present.get().state() == GuestState.RUNNING) {
                LOG.info("powering off guest {}: it should be stopped", uuid);
                ok = act(uuid, "power off", () -> hypervisor.powerOff(uuid, cleanShutdown));
                off += ok ? 1 : 0;
            } else {
                LOG.info("adopting guest {} ({})", uuid, present.get().state());
                tracker.record(uuid, present.get().state());
                adopted++;
                continue;
            }
            if (!ok) {
                failed++;
            }
        }
        Pass pass = new Pass(adopted, spawned, on, off, destroyed, failed);
        LOG.info("host '{}' reconciled with {} assigned guests: {} adopted, {} spawned, {} powered on, {} powered "
                + "off, {} removed, {} failed", host, assigned.size(), adopted, spawned, on, off, destroyed, failed);
        return pass;
    }

    /** Runs one hypervisor step for a guest; a failure is logged and reported, and answers false. */
    private boolean act(String uuid, String action, Supplier<GuestInfo> step) {
        tracker.begin(uuid);
        try {
            GuestInfo result = step.get();
            tracker.end(uuid, result == null ? null : result.state());
            return true;
        } catch (RuntimeException e) {
            tracker.abort(uuid);
            LOG.warn("guest {}: {} failed: {}", uuid, action, e.toString());
            GuestInfo now = hypervisor.status(uuid).orElse(null);
            tracker.record(uuid, now == null ? null : now.state());
            tell(new GuestStatus(uuid, now == null ? PowerState.NOSTATE : GuestMapping.powerState(now.state()),
                    action + " failed: " + e.getMessage()));
            return false;
        }
    }

    private void tell(GuestStatus status) {
        try {
            conductor.guestChanged(host, status);
        } catch (RuntimeException e) {
            LOG.warn("cannot tell the conductor about guest {}: {}", status.uuid(), e.toString());
        }
    }
}
