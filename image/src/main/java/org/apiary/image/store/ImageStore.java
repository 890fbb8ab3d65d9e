package org.apiary.image.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageQuery;
import org.apiary.image.domain.ImageStatus;
import org.apiary.image.domain.Viewer;

/**
 * Image records with their properties and tags. Deleted images keep their row (as in Glance)
 * so an id is never reused, but no read other than {@link #idTaken} returns them.
 */
public interface ImageStore {
    /** Inserts a new image; false when the id was ever used. */
    boolean create(Image image);

    Optional<Image> find(String id);

    boolean idTaken(String id);

    /**
     * The page of images the query selects among those the viewer may list (Glance's visibility
     * rules), after {@code marker} (the previous page's last image) when it is not null.
     */
    List<Image> list(ImageQuery query, Image marker, Viewer viewer);

    /**
     * Saves the user-editable attributes, properties and tags of {@code image}, provided its status
     * is still {@code expected}; data facts and status are never written here.
     */
    boolean update(Image image, ImageStatus expected);

    /** Moves an image between states; going back to queued clears its size, as Glance does. */
    boolean transition(String id, ImageStatus from, ImageStatus to, Instant at);

    /** Records uploaded or imported data and the new status, if the image is still in {@code from}. */
    boolean storeData(String id, ImageStatus from, ImageStatus to, DataFacts facts, Instant at);

    /** Records the size of staged data while the image is uploading. */
    boolean setStagedSize(String id, long size, Instant at);

    /** Sets (value non-null) or removes an additional property without touching anything else. */
    void setProperty(String id, String name, String value, Instant at);

    /** Marks the image deleted; false when it already was. */
    boolean markDeleted(String id, Instant at);

    /** Bytes of data (stored or staged) held by the owner's images, not counting {@code exceptImageId}. */
    long storageUsed(String owner, String exceptImageId);

    /** Ids of images in any of these states, for recovery after a crash. */
    List<String> idsInStatus(List<ImageStatus> states);

    /** Data facts computed while the bytes streamed in. */
    record DataFacts(long size, Long virtualSize, String checksum, String osHashAlgo, String osHashValue) {}
}
