package org.apiary.image.store;

import java.time.Instant;
import java.util.List;
import org.apiary.image.domain.ImageTask;

/** Import tasks, kept until they expire. */
public interface TaskStore {
    void create(ImageTask task);

    void finish(String id, String status, String result, String message, Instant at, Instant expiresAt);

    void setStatus(String id, String status, Instant at);

    /** Tasks of the image that have not expired at {@code now}, oldest first. */
    List<ImageTask> forImage(String imageId, Instant now);
}
