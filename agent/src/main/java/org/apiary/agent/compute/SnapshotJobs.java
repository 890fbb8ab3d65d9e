package org.apiary.agent.compute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.SnapshotProgress;
import org.apiary.compute.rpc.SnapshotProgress.Stage;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.host.spi.SnapshotFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * createImage on the host (nova-compute's _snapshot_instance): the driver copies the guest's disk, the copy
 * is uploaded through the {@link ImageSource}, and the file is removed through the driver; each step is
 * reported to the conductor (pending upload, uploading, done or failed). Jobs run on their own threads, since
 * the conductor's request is a cast and a multi-GB upload takes minutes. One job per guest at a time: a
 * repeated request for a running job (a restarted conductor asking again) is ignored.
 */
final class SnapshotJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotJobs.class);

    private final String host;
    private final Hypervisor hypervisor;
    private final ImageSource images;
    private final ConductorRpc conductor;
    private final GuestTracker tracker;
    /** Guest uuid → the image its running job writes. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** @param images where snapshots are uploaded; null: this host cannot upload, every snapshot fails saying so */
    SnapshotJobs(String host, Hypervisor hypervisor, ImageSource images, ConductorRpc conductor, GuestTracker tracker) {
        this.host = host;
        this.hypervisor = hypervisor;
        this.images = images;
        this.conductor = conductor;
        this.tracker = tracker;
    }

    void start(String uuid, String imageId) {
        String other = running.putIfAbsent(uuid, imageId);
        if (other != null) {
            LOG.info("snapshot of guest {} into image {}: {} already running, nothing to do", uuid, imageId,
                    other.equals(imageId) ? "it is" : "snapshot " + other + " is");
            return;
        }
        executor.execute(() -> {
            try {
                run(uuid, imageId);
            } finally {
                running.remove(uuid, imageId);
            }
        });
    }

    private void run(String uuid, String imageId) {
        SnapshotFile file = null;
        try {
            LOG.info("snapshotting guest {} into image {}", uuid, imageId);
            file = copy(uuid, imageId);
            if (!report(uuid, imageId, Stage.PENDING_UPLOAD) || !report(uuid, imageId, Stage.UPLOADING)) {
                LOG.info("snapshot {} of guest {} is no longer wanted; dropping the copy", imageId, uuid);
                return;
            }
            if (images == null) {
                throw new UnsupportedOperationException("this host has no image service to upload snapshots to");
            }
            images.upload(imageId, file.path());
            LOG.info("snapshot {} of guest {} uploaded ({} bytes, {})", imageId, uuid, file.sizeBytes(),
                    file.diskFormat());
            report(uuid, imageId, Stage.DONE);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("snapshot {} of guest {} failed: {}", imageId, uuid, why);
            try {
                conductor.snapshotProgress(host, SnapshotProgress.failed(uuid, imageId, why));
            } catch (RuntimeException unreachable) {
                LOG.warn("cannot report the failed snapshot {} to the conductor: {}", imageId, unreachable.toString());
            }
        } finally {
            if (file != null) {
                remove(file);
            }
        }
    }

    /** The driver's copy; the guest may stop and start meanwhile (bhyve), which the power-state sync must not report. */
    private SnapshotFile copy(String uuid, String imageId) {
        tracker.begin(uuid);
        try {
            SnapshotFile file = hypervisor.snapshot(uuid, imageId);
            tracker.end(uuid, hypervisor.status(uuid).map(GuestInfo::state).orElse(null));
            return file;
        } catch (RuntimeException e) {
            tracker.abort(uuid);
            throw e;
        }
    }

    private boolean report(String uuid, String imageId, Stage stage) {
        return conductor.snapshotProgress(host, new SnapshotProgress(uuid, imageId, stage, null));
    }

    private void remove(SnapshotFile file) {
        try {
            hypervisor.removeSnapshot(file);
        } catch (RuntimeException e) {
            LOG.warn("cannot remove snapshot file {}: {}", file.path(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
