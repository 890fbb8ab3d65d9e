package org.apiary.server.compute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.image.ImageModule;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageDataService;
import org.apiary.image.domain.ImageLimits;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.Viewer;

/**
 * Compute's Glance, over the image module's domain services in this process: reads with Glance's
 * visibility rules for the server's project, snapshots through the same upload path as PUT
 * /file (checksums, format inspection, size cap and the owner's storage quota).
 *
 * <p>Snapshot properties follow Glance's create rules: a property may not name a core or
 * read-only attribute (403), except {@code min_disk} and {@code min_ram}, which Nova copies from
 * the base image and which become the image's own attributes.
 */
public final class InProcessImages implements ImageApi {
    /** Compute acts for the service here: the caller's project was checked when the snapshot began. */
    private static final Viewer SERVICE = new Viewer(null, true);
    /** Names Glance's POST /v2/images refuses as properties (core, read-only, reserved). */
    private static final Set<String> NOT_PROPERTIES = Set.of("id", "name", "visibility", "protected", "os_hidden",
            "owner", "disk_format", "container_format", "tags", "status", "created_at", "updated_at", "checksum",
            "os_hash_algo", "os_hash_value", "size", "virtual_size", "direct_url", "self", "file", "schema", "stores",
            "location", "locations", "deleted", "deleted_at");

    private final ImageService images;
    private final ImageDataService data;

    public InProcessImages(ImageModule image) {
        this.images = image.images();
        this.data = image.imageData();
    }

    @Override
    public Optional<ImageInfo> image(String imageId, String projectId) {
        Optional<Image> found = find(new Viewer(projectId, false), imageId);
        return found.map(InProcessImages::info);
    }

    private Optional<Image> find(Viewer viewer, String imageId) {
        try {
            return Optional.of(images.get(viewer, imageId));
        } catch (ServiceException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ImageInfo info(Image i) {
        Map<String, String> props = new LinkedHashMap<>();
        i.properties().forEach((k, v) -> {
            if (v != null) {
                props.put(k, v); // a null (nullable schema property such as kernel_id) means "not set"
            }
        });
        return new ImageInfo(i.id(), i.name(), i.status().wire(), i.size(), i.minDisk(), i.minRam(), i.diskFormat(),
                i.containerFormat(), Collections.unmodifiableMap(props));
    }

    @Override
    public String createSnapshotImage(String name, String projectId, Map<String, String> properties,
                                      String diskFormat, String containerFormat) {
        ImageLimits limits = images.limits();
        if (!limits.diskFormats().contains(diskFormat)) {
            throw ServiceException.badRequest("Invalid disk format '" + diskFormat + "' for image.");
        }
        if (!limits.containerFormats().contains(containerFormat)) {
            throw ServiceException.badRequest("Invalid container format '" + containerFormat + "' for image.");
        }
        if (name != null && name.length() > 255) {
            throw ServiceException.badRequest("Image name too long: " + name.length() + " characters (at most 255).");
        }
        Image.Builder draft = new Image.Builder();
        draft.name = name;
        draft.owner = projectId;
        draft.visibility = "private";
        draft.diskFormat = diskFormat;
        draft.containerFormat = containerFormat;
        properties.forEach((key, value) -> {
            switch (key) {
                case "min_disk" -> draft.minDisk = ImageService.checkNotNegative("min_disk", number(key, value));
                case "min_ram" -> draft.minRam = ImageService.checkNotNegative("min_ram", number(key, value));
                default -> draft.properties.put(checkedKey(key), value);
            }
        });
        return images.create(draft).id();
    }

    private static String checkedKey(String key) {
        if (NOT_PROPERTIES.contains(key) || key.startsWith("os_glance")) {
            throw ServiceException.forbidden("Attribute '" + key + "' is reserved.");
        }
        if (key.isEmpty() || key.length() > 255) {
            throw ServiceException.badRequest("Custom property should not be greater than 255 characters.");
        }
        return key;
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (RuntimeException e) {
            throw ServiceException.badRequest("Invalid value '" + value + "' for parameter '" + key + "': not an "
                    + "integer.");
        }
    }

    @Override
    public void uploadSnapshot(String imageId, InputStream stream) {
        Image image = find(SERVICE, imageId).orElseThrow(() -> ServiceException.notFound("No image found with ID "
                + imageId));
        try {
            data.upload(image, stream, null);
        } catch (IOException e) {
            // The host's stream broke off; the image is queued again with no data, so a retry may upload it.
            throw new UncheckedIOException("snapshot upload of image " + imageId + " broke off", e);
        }
    }

    @Override
    public void deleteImage(String imageId) {
        Optional<Image> image = find(SERVICE, imageId);
        if (image.isEmpty()) {
            return;
        }
        try {
            images.delete(image.get());
        } catch (ServiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e; // a protected image stays, with Glance's 403
            }
        }
    }
}
