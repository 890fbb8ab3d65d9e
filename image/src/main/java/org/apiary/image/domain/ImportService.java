package org.apiary.image.domain;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.apiary.common.error.ServiceException;
import org.apiary.image.blob.BlobStore;
import org.apiary.image.store.ImageStore;
import org.apiary.image.store.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interoperable import with glance-direct: POST /import checks the request, takes the image from
 * uploading to importing and answers at once; a task then runs the staged data through the same
 * ingest as a direct upload (inspection, checksums, quota) and removes the staged copy. Success
 * makes the image active; failure puts it back to queued, marks os_glance_failed_import and
 * records the reason in the task (GET /v2/images/{id}/tasks).
 */
public final class ImportService {
    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final Duration TASK_TIME_TO_LIVE = Duration.ofHours(48);
    static final String LOCK = "os_glance_import_task";
    static final String IMPORTING = "os_glance_importing_to_stores";
    static final String FAILED = "os_glance_failed_import";

    private final ImageStore images;
    private final TaskStore tasks;
    private final BlobStore blobs;
    private final ImageLimits limits;
    private final Ingest ingest;
    private final ExecutorService executor;

    public ImportService(ImageStore images, TaskStore tasks, BlobStore blobs, ImageLimits limits,
                         ImageDataService data, ExecutorService executor) {
        this.images = images;
        this.tasks = tasks;
        this.blobs = blobs;
        this.limits = limits;
        this.ingest = data.ingest();
        this.executor = executor;
    }

    /** Who asked, for the task record. */
    public record Requester(String projectId, String userId, String requestId) {}

    /**
     * Starts an import and returns its task id.
     *
     * @param stores the stores asked for (null: the default one)
     * @param inputJson the request body, kept as the task's input
     */
    public String start(Image image, String method, List<String> stores, Requester who, String inputJson) {
        if (!limits.importMethods().contains(method)) {
            throw ServiceException.badRequest("Unknown import method name '" + method + "'.");
        }
        if (image.status() == ImageStatus.ACTIVE) {
            throw ServiceException.conflict("Image with status active cannot be target for import");
        }
        if (image.status() != ImageStatus.UPLOADING) {
            throw ServiceException.conflict("Image needs to be staged before 'glance-direct' method can be used");
        }
        if (image.containerFormat() == null) {
            throw ServiceException.conflict("'container_format' needs to be set before import");
        }
        if (image.diskFormat() == null) {
            throw ServiceException.conflict("'disk_format' needs to be set before import");
        }
        for (String store : stores == null ? List.<String>of() : stores) {
            if (!store.equals(blobs.id())) {
                throw ServiceException.conflict("Store for identifier " + store + " not found");
            }
        }
        if (image.properties().containsKey(LOCK)) {
            throw ServiceException.conflict("Image has active task");
        }
        Instant now = ImageService.now();
        String taskId = UUID.randomUUID().toString();
        if (!images.transition(image.id(), ImageStatus.UPLOADING, ImageStatus.IMPORTING, now)) {
            throw ServiceException.conflict("New operation on image '" + image.id() + "' is not permitted as prior "
                    + "operation is still in progress");
        }
        tasks.create(new ImageTask(taskId, image.id(), "api_image_import", "pending", who.projectId(), who.userId(),
                who.requestId(), inputJson, null, "", now, now, null));
        images.setProperty(image.id(), LOCK, taskId, now);
        images.setProperty(image.id(), IMPORTING, blobs.id(), now);
        images.setProperty(image.id(), FAILED, "", now);
        executor.execute(() -> run(image, taskId));
        return taskId;
    }

    private void run(Image requested, String taskId) {
        tasks.setStatus(taskId, "processing", ImageService.now());
        // Formats may have been changed while the task waited: ingest what the image says now.
        Image image = images.find(requested.id()).orElse(requested);
        String failure = null;
        try (BlobStore.Blob staged = blobs.open(BlobStore.Area.STAGING, image.id())
                .orElseThrow(() -> new IllegalStateException("the staged data is missing"))) {
            try (InputStream in = staged.stream()) {
                ingest.store(image, in, ImageStatus.IMPORTING, ImageStatus.ACTIVE);
            }
        } catch (ServiceException e) {
            failure = e.getMessage();
        } catch (Exception e) {
            LOG.error("import of image {} failed", image.id(), e);
            failure = "Import failed: " + e;
        }
        Instant now = ImageService.now();
        try {
            blobs.delete(BlobStore.Area.STAGING, image.id());
        } catch (Exception e) {
            LOG.warn("image {}: staged data could not be removed: {}", image.id(), e.toString());
        }
        if (failure != null) {
            LOG.warn("import of image {} failed: {}", image.id(), failure);
            images.transition(image.id(), ImageStatus.IMPORTING, ImageStatus.QUEUED, now);
            images.setProperty(image.id(), FAILED, blobs.id(), now);
        }
        images.setProperty(image.id(), IMPORTING, "", now);
        images.setProperty(image.id(), LOCK, null, now);
        tasks.finish(taskId, failure == null ? "success" : "failure",
                failure == null ? "{\"image_id\": \"" + image.id() + "\"}" : null, failure == null ? "" : failure,
                now, now.plus(TASK_TIME_TO_LIVE));
    }

    /** The image's import tasks the viewer may see: admins all, others their project's. */
    public List<ImageTask> tasks(Image image, Viewer viewer) {
        return tasks.forImage(image.id(), ImageService.now()).stream()
                .filter(t -> viewer.admin() || t.owner() == null || t.owner().equals(viewer.projectId()))
                .toList();
    }

    /** After a restart: imports that were running died with the process; their images are queued again. */
    public int recover() {
        int n = 0;
        for (String id : images.idsInStatus(List.of(ImageStatus.IMPORTING))) {
            Optional<Image> img = images.find(id);
            Instant now = ImageService.now();
            if (img.isPresent() && images.transition(id, ImageStatus.IMPORTING, ImageStatus.QUEUED, now)) {
                String task = img.get().properties().get(LOCK);
                if (task != null) {
                    tasks.finish(task, "failure", null, "Import interrupted by a restart of the image service.", now,
                            now.plus(TASK_TIME_TO_LIVE));
                }
                images.setProperty(id, FAILED, blobs.id(), now);
                images.setProperty(id, IMPORTING, "", now);
                images.setProperty(id, LOCK, null, now);
                try {
                    blobs.delete(BlobStore.Area.STAGING, id);
                } catch (Exception e) {
                    LOG.warn("image {}: staged data could not be removed: {}", id, e.toString());
                }
                n++;
            }
        }
        return n;
    }
}
