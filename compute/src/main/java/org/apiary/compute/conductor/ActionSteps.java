package org.apiary.compute.conductor;

import static org.apiary.compute.domain.VmStates.Task;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apiary.compute.domain.Migration;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.VmStates;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.PowerState;
import org.apiary.compute.scheduler.Scheduler;
import org.apiary.compute.store.MigrationStore;
import org.apiary.compute.store.ServerStore;

/**
 * The actions on a built server: reboot, stop, start, rebuild, and resize with confirm and
 * revert. A resize keeps the old flavor's resources on a migration consumer until it is
 * confirmed (dropped) or reverted (moved back), as Nova does, so Placement always holds what the
 * server may come back to.
 */
public final class ActionSteps {
    private static final int CLEAN_SHUTDOWN_SECONDS = 60;

    private final ServerStore servers;
    private final Events events;
    private final MigrationStore migrations;
    private final Scheduler scheduler;
    private final PlacementApi placement;
    private final NetworkApi networks;
    private final Function<String, ComputeAgentRpc> agents;
    private final boolean resizeToSameHost;

    public ActionSteps(ServerStore servers, Events events, MigrationStore migrations, Scheduler scheduler,
                       PlacementApi placement, NetworkApi networks, Function<String, ComputeAgentRpc> agents,
                       boolean resizeToSameHost) {
        this.servers = servers;
        this.events = events;
        this.migrations = migrations;
        this.scheduler = scheduler;
        this.placement = placement;
        this.networks = networks;
        this.agents = agents;
        this.resizeToSameHost = resizeToSameHost;
    }

    boolean reboot(Server s) {
        events.start(s, "compute_reboot_instance");
        GuestStatus st = agents.apply(s.host()).reboot(s.uuid(), Task.REBOOTING_HARD.equals(s.taskState()));
        return finish(s, "compute_reboot_instance", running(st, "reboot")
                .vmState(VmStates.ACTIVE).powerState(PowerState.RUNNING.code()));
    }

    boolean stop(Server s) {
        events.start(s, "compute_stop_instance");
        GuestStatus st = agents.apply(s.host()).powerOff(s.uuid(), CLEAN_SHUTDOWN_SECONDS);
        if (st.powerState() == PowerState.RUNNING) {
            throw new StepFailed("The guest did not stop.");
        }
        return finish(s, "compute_stop_instance", ServerChange.of().vmState(VmStates.STOPPED)
                .powerState(st.powerState().code()));
    }

    boolean start(Server s) {
        events.start(s, "compute_start_instance");
        GuestStatus st = agents.apply(s.host()).powerOn(s.uuid());
        return finish(s, "compute_start_instance", running(st, "start").vmState(VmStates.ACTIVE)
                .powerState(PowerState.RUNNING.code()));
    }

    /** A stopped server is rebuilt and stays stopped, as Nova does; an active one comes back running. */
    boolean rebuild(Server s) {
        events.start(s, "compute_rebuild_instance");
        ComputeAgentRpc agent = agents.apply(s.host());
        GuestStatus st = agent.rebuild(GuestSpecs.of(s));
        ServerChange change = running(st, "rebuild").launchedAt(System.currentTimeMillis());
        if (VmStates.STOPPED.equals(s.vmState())) {
            st = agent.powerOff(s.uuid(), CLEAN_SHUTDOWN_SECONDS);
            change.vmState(VmStates.STOPPED).powerState(st.powerState().code());
        } else {
            change.vmState(VmStates.ACTIVE).powerState(PowerState.RUNNING.code());
        }
        return finish(s, "compute_rebuild_instance", change);
    }

    /** resize_prep: old resources to a migration consumer, new ones claimed for the server, atomically. */
    boolean resizeClaim(Server s) {
        events.start(s, "compute_prep_resize");
        Migration m = migrations.latest(s.uuid(), List.of("pre-migrating")).orElseGet(() -> migrations.create(
                new Migration(0, UUID.randomUUID().toString(), s.uuid(), "resize", "pre-migrating", s.host(), null,
                        s.node(), null, s.flavor().flavorId(), s.newFlavor().flavorId(), s.projectId(), s.userId(),
                        System.currentTimeMillis(), null)));
        PlacementApi.Holding moved = placement.allocations(m.uuid());
        Scheduler.Selection sel;
        if (moved.allocations().isEmpty()) {
            PlacementApi.Holding current = placement.allocations(s.uuid());
            Server target = resizeToSameHost ? s
                    : s.withRequestSpec(s.requestSpec().withIgnoreHosts(List.of(s.host())));
            sel = scheduler.select(target, s.newFlavor(), s.uuid(), current.generation(),
                    List.of(new PlacementApi.Claim(m.uuid(), s.projectId(), s.userId(), null,
                            current.allocations())));
        } else {
            // Claimed by a run that died before recording the destination: the server's own claim says where.
            sel = scheduler.destinationOf(placement.allocations(s.uuid()).allocations());
        }
        migrations.setDestination(m.uuid(), sel.host(), sel.node(), System.currentTimeMillis());
        events.succeed(s, "compute_prep_resize", false);
        return moved(s, ServerChange.of().taskState(Task.RESIZE_MIGRATING).oldFlavor(s.flavor()));
    }

    /** resize_migrating: the destination runs the guest with the new flavor; the server waits for confirm. */
    boolean resizeGuest(Server s) {
        events.start(s, "compute_resize_instance");
        Migration m = migration(s, "pre-migrating", "migrating");
        migrations.setStatus(m.uuid(), "migrating", System.currentTimeMillis());
        GuestStatus st;
        if (m.destCompute().equals(m.sourceCompute())) {
            st = agents.apply(m.destCompute()).resize(GuestSpecs.of(s, s.newFlavor()));
        } else {
            networks.rebindPorts(s.uuid(), m.destCompute());
            st = agents.apply(m.destCompute()).spawn(GuestSpecs.of(s, s.newFlavor()));
            agents.apply(m.sourceCompute()).powerOff(s.uuid(), CLEAN_SHUTDOWN_SECONDS);
        }
        migrations.setStatus(m.uuid(), "finished", System.currentTimeMillis());
        events.succeed(s, "compute_resize_instance", true);
        return moved(s, ServerChange.of().taskState(null).vmState(VmStates.RESIZED).flavor(s.newFlavor())
                .newFlavor(null).host(m.destCompute()).node(m.destNode()).powerState(st.powerState().code())
                .progress(100));
    }

    boolean confirmResize(Server s) {
        events.start(s, "compute_confirm_resize");
        Migration m = migration(s, "finished", "confirming");
        migrations.setStatus(m.uuid(), "confirming", System.currentTimeMillis());
        if (!m.sourceCompute().equals(m.destCompute())) {
            agents.apply(m.sourceCompute()).destroy(s.uuid());
        }
        placement.release(m.uuid());
        migrations.setStatus(m.uuid(), "confirmed", System.currentTimeMillis());
        boolean on = s.powerState() == PowerState.RUNNING.code();
        return finish(s, "compute_confirm_resize", ServerChange.of().oldFlavor(null)
                .vmState(on ? VmStates.ACTIVE : VmStates.STOPPED));
    }

    /** Back to the old flavor on the source host; the migration's resources return to the server in one write. */
    boolean revertResize(Server s) {
        events.start(s, "compute_revert_resize");
        Migration m = migration(s, "finished", "reverting");
        migrations.setStatus(m.uuid(), "reverting", System.currentTimeMillis());
        GuestStatus st;
        if (m.sourceCompute().equals(m.destCompute())) {
            st = agents.apply(m.sourceCompute()).resize(GuestSpecs.of(s, s.oldFlavor()));
        } else {
            agents.apply(m.destCompute()).destroy(s.uuid());
            networks.rebindPorts(s.uuid(), m.sourceCompute());
            st = agents.apply(m.sourceCompute()).powerOn(s.uuid());
        }
        PlacementApi.Holding old = placement.allocations(m.uuid());
        if (!old.allocations().isEmpty()) {
            PlacementApi.Holding current = placement.allocations(s.uuid());
            boolean ok = placement.claim(List.of(
                    new PlacementApi.Claim(s.uuid(), s.projectId(), s.userId(), current.generation(), old.allocations()),
                    new PlacementApi.Claim(m.uuid(), s.projectId(), s.userId(), old.generation(), Map.of())));
            if (!ok) {
                throw new StepFailed("Placement refused to move the resources back; retry the revert.");
            }
        }
        migrations.setStatus(m.uuid(), "reverted", System.currentTimeMillis());
        return finish(s, "compute_revert_resize", ServerChange.of().flavor(s.oldFlavor()).oldFlavor(null)
                .host(m.sourceCompute()).node(m.sourceNode()).vmState(VmStates.ACTIVE)
                .powerState(st.powerState().code()));
    }

    private Migration migration(Server s, String... statuses) {
        return migrations.latest(s.uuid(), List.of(statuses))
                .orElseThrow(() -> new StepFailed("The server has no resize in progress."));
    }

    /** A failed resize step (its task already ended) returns the old resources to the server. */
    void abandon(Server s) {
        if (!Task.RESIZE_PREP.equals(s.taskState()) && !Task.RESIZE_MIGRATING.equals(s.taskState())) {
            return;
        }
        migrations.latest(s.uuid(), List.of("pre-migrating", "migrating")).ifPresent(m -> {
            PlacementApi.Holding old = placement.allocations(m.uuid());
            if (!old.allocations().isEmpty()) {
                PlacementApi.Holding current = placement.allocations(s.uuid());
                placement.claim(List.of(
                        new PlacementApi.Claim(s.uuid(), s.projectId(), s.userId(), current.generation(),
                                old.allocations()),
                        new PlacementApi.Claim(m.uuid(), s.projectId(), s.userId(), old.generation(), Map.of())));
            }
            migrations.setStatus(m.uuid(), "error", System.currentTimeMillis());
        });
    }

    private static ServerChange running(GuestStatus st, String what) {
        if (st.powerState() != PowerState.RUNNING) {
            throw new StepFailed("The guest is not running after " + what + ": "
                    + (st.detail() == null ? st.powerState() : st.detail()));
        }
        return ServerChange.of();
    }

    /** Ends the task and, in the same write, the step's event and the action (dropped if the server moved on). */
    private boolean finish(Server s, String event, ServerChange change) {
        return servers.apply(s.uuid(), TaskExpectation.of(s.taskState()), change.taskState(null),
                events.succeeded(s, event, true));
    }

    private boolean moved(Server s, ServerChange change) {
        return servers.apply(s.uuid(), TaskExpectation.of(s.taskState()), change, null);
    }
}
