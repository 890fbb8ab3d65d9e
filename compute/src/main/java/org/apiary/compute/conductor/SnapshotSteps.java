package org.apiary.compute.conductor;

import static org.apiary.compute.domain.VmStates.Task;

import java.util.Optional;
import java.util.function.Function;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.SnapshotProgress;
import org.apiary.compute.store.ActionStore;
import org.apiary.compute.store.ServerStore;
import org.apiary.compute.store.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * createImage on the conductor's side (Nova's compute manager snapshot_instance, split between conductor
 * and host). The conductor asks the host with a cast, because copying and uploading a multi-GB disk outlasts
 * any RPC timeout; the host reports each step back ({@link #progress}), and each report moves task_state on
 * with a compare-and-set: image_snapshot → image_pending_upload → image_uploading → none.
 *
 * <p>A failure deletes the image and ends the task with the server's vm_state unchanged (Nova leaves it
 * ACTIVE); the createImage action's compute_snapshot_instance event records the error. A server deleted (or
 * otherwise moved on) during the snapshot loses the image too, and the host is told to stop.
 */
public final class SnapshotSteps {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSteps.class);
    static final String EVENT = "compute_snapshot_instance";
    private static final TaskExpectation SNAPSHOTTING = TaskExpectation.of(Task.IMAGE_SNAPSHOT,
            Task.IMAGE_PENDING_UPLOAD, Task.IMAGE_UPLOADING);

    private final ServerStore servers;
    private final ActionStore actions;
    private final Events events;
    private final SnapshotStore snapshots;
    private final ImageApi images;
    private final Function<String, ComputeAgentRpc> agents;

    public SnapshotSteps(ServerStore servers, ActionStore actions, Events events, SnapshotStore snapshots,
                         ImageApi images, Function<String, ComputeAgentRpc> agents) {
        this.servers = servers;
        this.actions = actions;
        this.events = events;
        this.snapshots = snapshots;
        this.images = images;
        this.agents = agents;
    }

    static boolean snapshotting(String taskState) {
        return SNAPSHOTTING.accepts(taskState, null);
    }

    /**
     * Any of the three snapshot task states: asks the host (again, after a conductor restart; the host ignores
     * a repeat of a snapshot it is running and redoes one it lost). The host's reports drive the rest.
     */
    boolean request(Server s) {
        String imageId = snapshots.imageOf(s.uuid())
                .orElseThrow(() -> new StepFailed("The server has no snapshot image in progress."));
        events.start(s, EVENT);
        agents.apply(s.host()).snapshot(s.uuid(), imageId);
        return false;
    }

    /** A host's report (ConductorRpc.snapshotProgress); false tells the host to stop. */
    boolean progress(String host, SnapshotProgress p) {
        Optional<Server> found = servers.find(p.uuid());
        boolean current = found.isPresent() && !found.get().deleted() && snapshotting(found.get().taskState())
                && snapshots.imageOf(p.uuid()).filter(p.imageId()::equals).isPresent();
        if (!current) {
            LOG.info("snapshot {} of server {} is no longer wanted (the server was deleted or moved on); deleting "
                    + "the image", p.imageId(), p.uuid());
            discard(p.uuid(), p.imageId());
            return false;
        }
        Server s = found.get();
        return switch (p.stage()) {
            case PENDING_UPLOAD -> moved(s, Task.IMAGE_PENDING_UPLOAD, p);
            case UPLOADING -> moved(s, Task.IMAGE_UPLOADING, p);
            case DONE -> {
                if (servers.update(s.uuid(), SNAPSHOTTING, ServerChange.of().taskState(null)).isEmpty()) {
                    discard(s.uuid(), p.imageId());
                    yield false;
                }
                snapshots.end(s.uuid(), p.imageId());
                events.succeed(s, EVENT, true);
                LOG.info("server {}: snapshot {} uploaded", s.uuid(), p.imageId());
                yield true;
            }
            case FAILED -> {
                fail(s, p.imageId(), p.detail() == null ? "snapshot failed on host " + host : p.detail(), host);
                yield false;
            }
        };
    }

    private boolean moved(Server s, String task, SnapshotProgress p) {
        if (servers.update(s.uuid(), SNAPSHOTTING, ServerChange.of().taskState(task)).isPresent()) {
            return true;
        }
        discard(s.uuid(), p.imageId());
        return false;
    }

    /** The host failed: task ended, vm_state kept, fault and event recorded, image deleted. */
    private void fail(Server s, String imageId, String message, String host) {
        if (servers.update(s.uuid(), SNAPSHOTTING, ServerChange.of().taskState(null)).isEmpty()) {
            discard(s.uuid(), imageId);
            return;
        }
        LOG.warn("server {}: snapshot {} failed: {}", s.uuid(), imageId, message);
        long now = System.currentTimeMillis();
        String m = ConductorService.abbreviate(message);
        actions.addFault(new InstanceFault(s.uuid(), 500, m, message, host, now));
        events.fail(s, "Error", message, now);
        discard(s.uuid(), imageId);
    }

    /** A snapshot whose task ended without success (ConductorService.fail, or here): its image goes. */
    void abandon(Server s) {
        snapshots.imageOf(s.uuid()).ifPresent(imageId -> discard(s.uuid(), imageId));
    }

    private void discard(String uuid, String imageId) {
        try {
            images.deleteImage(imageId);
        } catch (RuntimeException e) {
            LOG.warn("cannot delete snapshot image {} of server {}: {}", imageId, uuid, e.toString());
        }
        snapshots.end(uuid, imageId);
    }
}
