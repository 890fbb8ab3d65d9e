package org.apiary.compute.conductor;

import static org.apiary.compute.domain.VmStates.Task;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Conductor;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.VmStates;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.scheduler.NoValidHost;
import org.apiary.compute.store.ActionStore;
import org.apiary.compute.store.ServerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives servers through their tasks. The state is the server row: each step reads it, does one
 * idempotent thing (claim, create ports, ask the host), and moves task_state on with a
 * compare-and-set. A conductor that dies between steps is restarted with {@link #recover()},
 * which kicks every unsettled server; repeating a step finds its work already done.
 *
 * <p>One server is driven by one thread at a time in this process; a kick that arrives while it
 * runs makes it look again when done.
 */
public final class ConductorService implements Conductor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConductorService.class);

    private final ServerStore servers;
    private final ActionStore actions;
    private final Events events;
    private final BuildSteps build;
    private final ActionSteps steps;
    private final SnapshotSteps snapshots;
    private final Function<String, ComputeAgentRpc> agents;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Servers being driven now → whether another kick came in meanwhile. */
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public ConductorService(ServerStore servers, ActionStore actions, Events events, BuildSteps build, ActionSteps steps,
                            SnapshotSteps snapshots, Function<String, ComputeAgentRpc> agents) {
        this.servers = servers;
        this.actions = actions;
        this.events = events;
        this.build = build;
        this.steps = steps;
        this.snapshots = snapshots;
        this.agents = agents;
    }

    @Override
    public void kick(String serverUuid) {
        if (inFlight.putIfAbsent(serverUuid, Boolean.FALSE) != null) {
            inFlight.put(serverUuid, Boolean.TRUE);
            return;
        }
        executor.execute(() -> drive(serverUuid));
    }

    @Override
    public String consoleOutput(String host, String serverUuid, Integer lines) {
        try {
            return agents.apply(host).consoleOutput(serverUuid, lines);
        } catch (RuntimeException e) {
            throw ServiceException.conflict("The console output of instance " + serverUuid
                    + " is not available: " + e.getMessage());
        }
    }

    /** Kicks every server a previous process left mid-task. */
    public int recover() {
        var unsettled = servers.unsettled();
        unsettled.forEach(s -> kick(s.uuid()));
        if (!unsettled.isEmpty()) {
            LOG.info("resuming {} server(s) left mid-task", unsettled.size());
        }
        return unsettled.size();
    }

    private void drive(String uuid) {
        try {
            while (true) {
                inFlight.put(uuid, Boolean.FALSE);
                while (advance(uuid)) {
                    // one step done; look at the new state
                }
                // Leave only if no kick arrived since we last looked.
                if (inFlight.remove(uuid, Boolean.FALSE)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            inFlight.remove(uuid);
            LOG.error("conductor failed on server {}", uuid, e);
        }
    }

    /** Does the next step of the server's task; false when there is nothing (more) to do. */
    boolean advance(String uuid) {
        Optional<Server> found = servers.find(uuid);
        if (found.isEmpty() || found.get().deleted() || found.get().taskState() == null) {
            return false;
        }
        Server s = found.get();
        String task = s.taskState();
        try {
            return switch (task) {
                case Task.DELETING -> build.delete(s);
                case Task.SCHEDULING -> build.schedule(s);
                case Task.NETWORKING -> build.plug(s);
                case Task.SPAWNING -> build.spawn(s);
                case Task.REBOOTING, Task.REBOOTING_HARD -> steps.reboot(s);
                case Task.POWERING_OFF -> steps.stop(s);
                case Task.POWERING_ON -> steps.start(s);
                case Task.REBUILDING -> steps.rebuild(s);
                case Task.RESIZE_PREP -> steps.resizeClaim(s);
                case Task.RESIZE_MIGRATING -> steps.resizeGuest(s);
                case Task.RESIZE_CONFIRMING -> steps.confirmResize(s);
                case Task.RESIZE_REVERTING -> steps.revertResize(s);
                case Task.IMAGE_SNAPSHOT, Task.IMAGE_PENDING_UPLOAD, Task.IMAGE_UPLOADING -> snapshots.request(s);
                default -> {
                    LOG.warn("server {} has task_state {} that no step handles; clearing it", uuid, task);
                    servers.update(uuid, TaskExpectation.of(task), ServerChange.of().taskState(null));
                    yield false;
                }
            };
        } catch (NoValidHost | StepFailed | ServiceException e) {
            fail(s, e.getMessage(), e);
            return true;
        } catch (RuntimeException e) {
            fail(s, "Unexpected error: " + e, e);
            return true;
        }
    }

    /**
     * A failed step: builds end in ERROR with their resources released (BuildSteps.abandon);
     * actions end with task_state cleared and, as Nova, vm_state ERROR for a failed reboot or
     * rebuild (a failed snapshot keeps its vm_state and loses its image). Either way the fault and the action's result are recorded.
     */
    private void fail(Server s, String message, Throwable cause) {
        String task = s.taskState();
        ServerChange change = ServerChange.of().taskState(null);
        boolean building = VmStates.BUILDING.equals(s.vmState());
        if (building) {
            change.vmState(VmStates.ERROR).powerState(0);
        } else if (Task.DELETING.equals(task) || Task.REBOOTING.equals(task) || Task.REBOOTING_HARD.equals(task)
                || Task.REBUILDING.equals(task)) {
            change.vmState(VmStates.ERROR);
        } else if (Task.RESIZE_PREP.equals(task) || Task.RESIZE_MIGRATING.equals(task)) {
            change.newFlavor(null).oldFlavor(null);
        }
        // Only the conductor that ends the task cleans up: another one may have moved the server on.
        if (!servers.apply(s.uuid(), TaskExpectation.of(task), change, null)) {
            LOG.info("server {}: {} failed ({}), but the server has moved on; nothing to undo", s.uuid(), task,
                    message);
            return;
        }
        LOG.warn("server {}: {} failed: {}", s.uuid(), task, message);
        LOG.debug("cause", cause);
        long now = System.currentTimeMillis();
        actions.addFault(new InstanceFault(s.uuid(), 500, abbreviate(message), cause.toString(), s.host(), now));
        if (building) {
            build.abandon(s);
        } else if (SnapshotSteps.snapshotting(task)) {
            snapshots.abandon(s);
        } else {
            steps.abandon(s);
        }
        events.fail(s, "Error", cause.toString(), now);
    }

    /** A fault's message as Nova stores it: at most 255 characters. */
    static String abbreviate(String message) {
        String m = message == null ? "unknown error" : message;
        return m.length() > 255 ? m.substring(0, 252) + "..." : m;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
