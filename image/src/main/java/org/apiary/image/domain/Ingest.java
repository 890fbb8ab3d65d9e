package org.apiary.image.domain;

import java.io.IOException;
import java.io.InputStream;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.image.blob.BlobStore;
import org.apiary.image.inspect.FormatDetector;
import org.apiary.image.inspect.FormatVerdict;
import org.apiary.image.inspect.Inspection;
import org.apiary.image.store.ImageStore;

/**
 * Brings image data in, for uploads and imports alike: stream to a temporary file while
 * hashing and inspecting, refuse content that is unsafe or not in the declared format (as soon
 * as the inspector knows, so a bad multi-GB upload stops early), enforce the size cap and the
 * project's storage quota, then commit the file and only after that record the image active.
 * Any failure leaves no data behind; the caller puts the image back in its previous state.
 */
final class Ingest {
    private final ImageStore images;
    private final BlobStore blobs;
    private final ImageLimits limits;

    Ingest(ImageStore images, BlobStore blobs, ImageLimits limits) {
        this.images = images;
        this.blobs = blobs;
        this.limits = limits;
    }

    /** Bytes the image may still take: the size cap, or less when the owner's quota is nearly used. */
    long allowance(Image image) {
        if (limits.storageQuota() <= 0 || image.owner() == null) {
            return limits.sizeCap();
        }
        long remaining = limits.storageQuota() - images.storageUsed(image.owner(), image.id());
        return Math.max(0, Math.min(limits.sizeCap(), remaining));
    }

    /** Refuses at once a body whose announced length cannot fit, before a byte is stored. */
    void checkAnnounced(Image image, Long contentLength) {
        long allowed = allowance(image);
        if (contentLength != null && contentLength > allowed) {
            throw tooLarge(contentLength, allowed);
        }
    }

    /** @param size the data's size, or null when the stream was cut off at the limit */
    ServiceException tooLarge(Long size, long allowed) {
        if (allowed < limits.sizeCap()) {
            return new ServiceException(ErrorKind.PAYLOAD_TOO_LARGE, "Image exceeds the storage quota: The size of "
                    + "the data " + (size == null ? "(more than " + allowed + ")" : size) + " will exceed the limit. "
                    + allowed + " bytes remaining.");
        }
        return new ServiceException(ErrorKind.PAYLOAD_TOO_LARGE, "The incoming image is too large: The provided "
                + "image is too large (limit " + limits.sizeCap() + " bytes).");
    }

    /**
     * Streams, checks and commits the data of {@code image}, then moves it from {@code from} to
     * {@code to} with the computed facts. Returns the facts; throws a ServiceException for refused
     * content (400), size (413) or an image deleted meanwhile (410), IOException when the stream
     * broke off.
     */
    ImageStore.DataFacts store(Image image, InputStream data, ImageStatus from, ImageStatus to) throws IOException {
        long allowed = allowance(image);
        FormatDetector detector = new FormatDetector();
        BlobStore.ChunkObserver observer = (buf, off, len) -> {
            detector.feed(buf, off, len);
            if (detector.decided()) {
                String refusal = verdict(image, detector.result());
                if (refusal != null) {
                    throw new Refused(refusal);
                }
            }
        };
        BlobStore.Pending pending;
        try {
            pending = blobs.receive(data, allowed, observer, true);
        } catch (Refused r) {
            throw ServiceException.badRequest(r.getMessage());
        } catch (BlobStore.TooLargeException e) {
            throw tooLarge(null, allowed);
        }
        try (pending) {
            Inspection found = detector.result();
            String refusal = verdict(image, found);
            if (refusal != null) {
                throw ServiceException.badRequest(refusal);
            }
            // Another upload of the same owner may have finished meanwhile: check the quota again.
            long allowedNow = allowance(image);
            if (pending.size() > allowedNow) {
                throw tooLarge(pending.size(), allowedNow);
            }
            ImageStore.DataFacts facts = new ImageStore.DataFacts(pending.size(),
                    FormatVerdict.virtualSize(image.diskFormat(), found, pending.size()), pending.md5(), "sha512",
                    pending.sha512());
            pending.commit(BlobStore.Area.IMAGES, image.id());
            if (!images.storeData(image.id(), from, to, facts, ImageService.now())) {
                blobs.delete(BlobStore.Area.IMAGES, image.id());
                throw new ServiceException(ErrorKind.GONE, "Image " + image.id() + " could not be found after upload. "
                        + "The image may have been deleted during the upload, cleaning up the chunks uploaded.");
            }
            return facts;
        }
    }

    private String verdict(Image image, Inspection found) {
        return FormatVerdict.refusal(image.diskFormat(), image.containerFormat(), found, limits.requireFormatMatch());
    }

    /** Thrown from inside the stream copy to stop it as soon as the content is known to be refused. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
