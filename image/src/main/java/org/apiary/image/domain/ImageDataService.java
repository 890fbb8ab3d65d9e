package org.apiary.image.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.image.blob.BlobStore;
import org.apiary.image.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data: direct upload (queued → saving → active), staging for an interoperable import
 * (queued → uploading) and download. A failed or interrupted transfer puts the image back to
 * queued and leaves no data, as Glance does.
 */
public final class ImageDataService {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataService.class);

    private final ImageStore images;
    private final BlobStore blobs;
    private final ImageLimits limits;
    private final Ingest ingest;

    public ImageDataService(ImageStore images, BlobStore blobs, ImageLimits limits) {
        this.images = images;
        this.blobs = blobs;
        this.limits = limits;
        this.ingest = new Ingest(images, blobs, limits);
    }

    Ingest ingest() {
        return ingest;
    }

    /**
     * PUT /file. {@code contentLength} is null for a chunked body.
     *
     * @throws IOException when the client's stream broke off (the image is queued again)
     */
    public void upload(Image image, InputStream data, Long contentLength) throws IOException {
        if (image.status() != ImageStatus.QUEUED) {
            throw ImageStatus.badTransition(image.status(), ImageStatus.SAVING);
        }
        requireFormats(image);
        ingest.checkAnnounced(image, contentLength);
        if (!images.transition(image.id(), ImageStatus.QUEUED, ImageStatus.SAVING, ImageService.now())) {
            throw ImageStatus.badTransition(current(image.id()), ImageStatus.SAVING);
        }
        boolean stored = false;
        try {
            ingest.store(image, data, ImageStatus.SAVING, ImageStatus.ACTIVE);
            stored = true;
        } finally {
            if (!stored) {
                images.transition(image.id(), ImageStatus.SAVING, ImageStatus.QUEUED, ImageService.now());
            }
        }
    }

    /** PUT /stage: keeps the data aside (not inspected yet) until POST /import. */
    public void stage(Image image, InputStream data, Long contentLength) throws IOException {
        if (!limits.importMethods().contains("glance-direct")) {
            throw ServiceException.notFound("'glance-direct' method is not available at this site.");
        }
        if (image.status() != ImageStatus.QUEUED) {
            throw ImageStatus.badTransition(image.status(), ImageStatus.UPLOADING);
        }
        ingest.checkAnnounced(image, contentLength);
        if (!images.transition(image.id(), ImageStatus.QUEUED, ImageStatus.UPLOADING, ImageService.now())) {
            throw ImageStatus.badTransition(current(image.id()), ImageStatus.UPLOADING);
        }
        boolean staged = false;
        long allowed = ingest.allowance(image);
        try (BlobStore.Pending pending = blobs.receive(data, allowed, (b, o, l) -> { }, false)) {
            if (pending.size() > ingest.allowance(image)) {
                throw ingest.tooLarge(pending.size(), ingest.allowance(image));
            }
            pending.commit(BlobStore.Area.STAGING, image.id());
            staged = images.setStagedSize(image.id(), pending.size(), ImageService.now());
            if (!staged) {
                throw new ServiceException(org.apiary.common.error.ErrorKind.GONE, "Image " + image.id()
                        + " could not be found after staging; it may have been deleted meanwhile.");
            }
        } catch (BlobStore.TooLargeException e) {
            throw ingest.tooLarge(null, allowed);
        } finally {
            if (!staged) {
                blobs.delete(BlobStore.Area.STAGING, image.id());
                images.transition(image.id(), ImageStatus.UPLOADING, ImageStatus.QUEUED, ImageService.now());
            }
        }
    }

    private static void requireFormats(Image image) {
        List<String> missing = new ArrayList<>();
        if (image.diskFormat() == null) {
            missing.add("disk_format");
        }
        if (image.containerFormat() == null) {
            missing.add("container_format");
        }
        if (!missing.isEmpty()) {
            throw ServiceException.badRequest((missing.size() == 1 ? "Property " : "Properties ")
                    + String.join(", ", missing) + " must be set prior to saving data.");
        }
    }

    private ImageStatus current(String id) {
        return images.find(id).map(Image::status).orElse(ImageStatus.DELETED);
    }

    /** Stored data to send, with the facts the response headers carry. */
    public record Download(long size, String checksum, BlobStore.Blob blob) {}

    /**
     * The image's data, or empty when it has none (Glance answers 204 then).
     *
     * @param admin whether policy's context_is_admin holds (admins may read deactivated images)
     */
    public Optional<Download> download(Image image, boolean admin) throws IOException {
        if (image.status() == ImageStatus.DEACTIVATED && !admin) {
            throw ServiceException.forbidden("The requested image has been deactivated. Image data download is "
                    + "forbidden.");
        }
        if (image.status() != ImageStatus.ACTIVE && image.status() != ImageStatus.DEACTIVATED) {
            return Optional.empty();
        }
        Optional<BlobStore.Blob> blob = blobs.open(BlobStore.Area.IMAGES, image.id());
        if (blob.isEmpty()) {
            LOG.error("image {} is {} but its data is missing from the store", image.id(), image.status().wire());
            return Optional.empty();
        }
        return Optional.of(new Download(blob.get().size(), image.checksum(), blob.get()));
    }

    /**
     * After a restart: transfers that were running died with the process. Their temporary files
     * are gone (the store removed them) and their images go back to queued, so they can be
     * uploaded again. Staged data (uploading) stays, waiting for its import call.
     */
    public int recover() {
        int n = 0;
        for (String id : images.idsInStatus(List.of(ImageStatus.SAVING))) {
            if (images.transition(id, ImageStatus.SAVING, ImageStatus.QUEUED, ImageService.now())) {
                LOG.warn("image {}: its upload was interrupted by a restart; it is queued again", id);
                n++;
            }
        }
        return n;
    }
}
