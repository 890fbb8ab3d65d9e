package org.apiary.compute.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiary.compute.domain.external.ImageApi;

/**
 * The properties of a createImage snapshot, by Nova's rules (compute/utils.py create_image and
 * initialize_instance_snapshot_metadata): the server's image properties as it was built (Nova's image_*
 * system metadata; Apiary keeps them in the request spec), less those Nova never inherits; base_image_ref;
 * min_ram and min_disk of the original image (min_disk at least the flavor's root disk, as Nova records it);
 * instance_uuid, user_id and image_type=snapshot; instance_owner when someone outside the server's project
 * takes it; and last the request's metadata, which wins over all of these.
 *
 * <p>Nova's owner_user_name and owner_project_name are left out: Apiary does not keep the names in the
 * server, and looking them up in Keystone for each snapshot is not worth it.
 */
final class SnapshotImages {
    /** What the QEMU and bhyve drivers write (qemu-img convert -O qcow2). */
    static final String DISK_FORMAT = "qcow2";
    static final String CONTAINER_FORMAT = "bare";
    /** nova.compute.utils NON_INHERITABLE_IMAGE_PROPERTIES and nova.utils SM_SKIP_KEYS. */
    private static final Set<String> NOT_INHERITED = Set.of("cinder_encryption_key_id",
            "cinder_encryption_key_deletion_policy", "img_signature", "img_signature_hash_method",
            "img_signature_key_type", "img_signature_certificate_uuid", "mappings", "block_device_mapping",
            "img_mappings", "img_block_device_mapping");
    /** NON_INHERITABLE_IMAGE_NAMESPACES: Glance's own. */
    private static final String GLANCE_NAMESPACE = "os_glance";
    /** Nova truncates inherited values to its system_metadata column (safe_truncate to 255). */
    private static final int MAX_VALUE = 255;

    private final ImageApi images;

    SnapshotImages(ImageApi images) {
        this.images = images;
    }

    Map<String, String> properties(ServerService.Caller c, Server s, Map<String, String> metadata) {
        Map<String, String> p = new LinkedHashMap<>();
        s.requestSpec().imageProperties().forEach((key, value) -> {
            if (value != null && !NOT_INHERITED.contains(key) && !key.startsWith(GLANCE_NAMESPACE)) {
                p.put(key, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
            }
        });
        if (s.imageRef() != null && !s.imageRef().isEmpty()) {
            p.put("base_image_ref", s.imageRef());
        }
        Optional<ImageApi.ImageInfo> base = s.imageRef() == null || s.imageRef().isEmpty() ? Optional.empty()
                : images.image(s.imageRef(), s.projectId());
        p.put("min_disk", String.valueOf(Math.max(base.map(ImageApi.ImageInfo::minDiskGb).orElse(0),
                s.flavor().rootGb())));
        base.ifPresent(i -> p.put("min_ram", String.valueOf(i.minRamMb())));
        p.put("instance_uuid", s.uuid());
        p.put("user_id", c.userId());
        p.put("image_type", "snapshot");
        if (!s.projectId().equals(c.projectId())) {
            p.put("instance_owner", s.projectId());
        }
        p.putAll(metadata);
        return p;
    }
}
