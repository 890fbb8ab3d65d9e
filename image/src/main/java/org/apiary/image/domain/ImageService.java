package org.apiary.image.domain;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.image.blob.BlobStore;
import org.apiary.image.store.ImageStore;
import org.apiary.image.store.MemberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image records: create, read with Glance's visibility rules, list, JSON-patch update, tags,
 * deactivate/reactivate and delete. Policy is the API's job; the rules here hold whoever calls.
 */
public final class ImageService {
    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);
    /** Attributes of the image itself; anything else a patch names is an additional property. */
    private static final Set<String> CORE = Set.of("name", "visibility", "protected", "os_hidden", "min_disk",
            "min_ram", "owner", "disk_format", "container_format", "tags");

    private final ImageStore images;
    private final MemberStore members;
    private final BlobStore blobs;
    private final ImageLimits limits;

    public ImageService(ImageStore images, MemberStore members, BlobStore blobs, ImageLimits limits) {
        this.images = images;
        this.members = members;
        this.blobs = blobs;
        this.limits = limits;
    }

    /** Glance keeps times to the second; so do we, so that time filters match what clients saw. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The image if it exists and the viewer may see it; otherwise 404, whichever the reason. */
    public Image get(Viewer viewer, String id) {
        return images.find(id).filter(i -> visible(viewer, i))
                .orElseThrow(() -> ServiceException.notFound("No image found with ID " + id));
    }

    /** Glance's is_image_visible: admin, no owner, public/community, owner, or member of a shared image. */
    public boolean visible(Viewer v, Image i) {
        if (v.admin() || i.owner() == null || i.visibility().equals("public") || i.visibility().equals("community")) {
            return true;
        }
        if (v.projectId() == null) {
            return false;
        }
        return v.projectId().equals(i.owner())
                || i.visibility().equals("shared") && members.find(i.id(), v.projectId()).isPresent();
    }

    /** The viewer's project when it sees a shared image as a member (policy's member_id), else null. */
    public String memberTarget(Viewer v, Image i) {
        return i.visibility().equals("shared") && v.projectId() != null && !v.projectId().equals(i.owner())
                ? v.projectId() : null;
    }

    public Image create(Image.Builder draft) {
        if (draft.id == null) {
            draft.id = UUID.randomUUID().toString();
        } else if (images.idTaken(draft.id)) {
            throw ServiceException.conflict("Image with identifier " + draft.id + " already exists!");
        }
        draft.status = ImageStatus.QUEUED;
        draft.createdAt = draft.updatedAt = now();
        if (draft.visibility == null) {
            draft.visibility = "shared";
        }
        checkNotNegative("min_disk", draft.minDisk);
        checkNotNegative("min_ram", draft.minRam);
        draft.tags(List.copyOf(draft.tags));
        checkQuotas(draft);
        Image image = draft.build();
        if (!images.create(image)) {
            throw ServiceException.conflict("Image with identifier " + image.id() + " already exists!");
        }
        return image;
    }

    public List<Image> list(Viewer viewer, ImageQuery query) {
        Image marker = null;
        if (query.marker() != null) {
            marker = images.find(query.marker()).filter(i -> visible(viewer, i))
                    .orElseThrow(() -> ServiceException.badRequest("No image found with ID " + query.marker()));
        }
        return images.list(query, marker, viewer);
    }

    /** Applies a JSON patch; an empty patch changes nothing, not even updated_at. */
    public Image update(Image current, List<Change> changes) {
        if (changes.isEmpty()) {
            return current;
        }
        Image.Builder b = current.toBuilder();
        for (Change c : changes) {
            apply(b, current.status(), c);
        }
        checkQuotas(b);
        b.updatedAt = now();
        if (!images.update(b.build(), current.status())) {
            throw ServiceException.conflict("Image " + current.id() + " changed while it was being updated; retry.");
        }
        return images.find(current.id()).orElseThrow(() -> ServiceException.notFound("No image found with ID "
                + current.id()));
    }

    private void apply(Image.Builder b, ImageStatus status, Change c) {
        String attr = c.attribute();
        boolean core = CORE.contains(attr);
        switch (c.op()) {
            case REMOVE -> {
                if (core) {
                    throw ServiceException.forbidden("Property " + attr + " may not be removed.");
                }
                if (!b.properties.containsKey(attr)) {
                    throw ServiceException.conflict("Property " + attr + " does not exist.");
                }
                b.properties.remove(attr);
            }
            case REPLACE -> {
                if (core) {
                    setCore(b, status, attr, c.value());
                } else if (b.properties.containsKey(attr)) {
                    b.properties.put(attr, (String) c.value());
                } else {
                    throw ServiceException.conflict("Property " + attr + " does not exist.");
                }
            }
            case ADD -> {
                if (c.strictAdd() && (core || b.properties.containsKey(attr))) {
                    throw ServiceException.conflict("Property " + attr + " already present.");
                }
                if (core) {
                    setCore(b, status, attr, c.value());
                } else {
                    b.properties.put(attr, (String) c.value());
                }
            }
            default -> throw new IllegalArgumentException(c.op().name());
        }
    }

    @SuppressWarnings("unchecked")
    private static void setCore(Image.Builder b, ImageStatus status, String attr, Object v) {
        switch (attr) {
            case "name" -> b.name = (String) v;
            case "visibility" -> b.visibility = (String) v;
            case "protected" -> b.isProtected = (Boolean) v;
            case "os_hidden" -> b.osHidden = (Boolean) v;
            case "min_disk" -> b.minDisk = checkNotNegative("min_disk", (Long) v);
            case "min_ram" -> b.minRam = checkNotNegative("min_ram", (Long) v);
            case "owner" -> b.owner = (String) v;
            case "tags" -> b.tags((List<String>) v);
            case "disk_format", "container_format" -> {
                if (status != ImageStatus.QUEUED && status != ImageStatus.IMPORTING) {
                    throw ServiceException.forbidden("Attribute " + attr + " can be only replaced for a queued image.");
                }
                if (attr.equals("disk_format")) {
                    b.diskFormat = (String) v;
                } else {
                    b.containerFormat = (String) v;
                }
            }
            default -> throw new IllegalArgumentException(attr);
        }
    }

    /** min_disk and min_ram: Glance refuses negatives; the column is a 32-bit integer. */
    public static int checkNotNegative(String param, long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw ServiceException.badRequest("Invalid value '" + value + "' for parameter '" + param + "': "
                    + (value < 0 ? "Cannot be a negative value." : "Value is too large."));
        }
        return (int) value;
    }

    private void checkQuotas(Image.Builder b) {
        if (limits.propertyQuota() >= 0 && b.properties.size() > limits.propertyQuota()) {
            throw new ServiceException(ErrorKind.PAYLOAD_TOO_LARGE, "The limit has been exceeded on the number of "
                    + "allowed image properties. Attempted: " + b.properties.size() + ", Maximum: "
                    + limits.propertyQuota());
        }
        if (limits.tagQuota() >= 0 && b.tags.size() > limits.tagQuota()) {
            throw new ServiceException(ErrorKind.PAYLOAD_TOO_LARGE, "Image tag limit exceeded for image " + b.id
                    + ": The limit has been exceeded on the number of allowed image tags. Attempted: " + b.tags.size()
                    + ", Maximum: " + limits.tagQuota());
        }
    }

    public void addTag(Image image, String tag) {
        if (!image.tags().contains(tag)) {
            Image.Builder b = image.toBuilder();
            b.tags.add(tag);
            checkQuotas(b);
            b.updatedAt = now();
            save(b.build(), image.status());
        }
    }

    public void removeTag(Image image, String tag) {
        if (!image.tags().contains(tag)) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        Image.Builder b = image.toBuilder();
        b.tags.remove(tag);
        b.updatedAt = now();
        save(b.build(), image.status());
    }

    private void save(Image image, ImageStatus expected) {
        if (!images.update(image, expected)) {
            throw ServiceException.conflict("Image " + image.id() + " changed while it was being updated; retry.");
        }
    }

    public void deactivate(Image image) {
        if (image.status() == ImageStatus.ACTIVE) {
            move(image, ImageStatus.ACTIVE, ImageStatus.DEACTIVATED);
        } else if (image.status() != ImageStatus.DEACTIVATED) {
            throw ServiceException.forbidden("Not allowed to deactivate image in status '" + image.status().wire() + "'");
        }
    }

    public void reactivate(Image image) {
        if (image.status() == ImageStatus.DEACTIVATED) {
            move(image, ImageStatus.DEACTIVATED, ImageStatus.ACTIVE);
        } else if (image.status() != ImageStatus.ACTIVE) {
            throw ServiceException.forbidden("Not allowed to reactivate image in status '" + image.status().wire() + "'");
        }
    }

    private void move(Image image, ImageStatus from, ImageStatus to) {
        if (!images.transition(image.id(), from, to, now())) {
            throw ServiceException.conflict("Image " + image.id() + " changed status meanwhile; retry.");
        }
    }

    /** Deletes the record, then its data and any staged data (a failure there only leaves garbage). */
    public void delete(Image image) {
        if (image.isProtected()) {
            throw ServiceException.forbidden("Image " + image.id() + " is protected and cannot be deleted.");
        }
        if (!images.markDeleted(image.id(), now())) {
            throw ServiceException.notFound("Failed to find image " + image.id() + " to delete");
        }
        for (BlobStore.Area area : BlobStore.Area.values()) {
            try {
                blobs.delete(area, image.id());
            } catch (IOException e) {
                LOG.warn("image {} deleted but its {} data could not be removed: {}", image.id(), area, e.toString());
            }
        }
    }

    public Optional<ImageMember> membership(Image image, String projectId) {
        return projectId == null ? Optional.empty() : members.find(image.id(), projectId);
    }

    public ImageLimits limits() {
        return limits;
    }
}
