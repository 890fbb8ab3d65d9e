package org.apiary.image;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/**
 * Glance options. Where glance-api.conf has the same knob it keeps Glance's name; Glance's
 * [DEFAULT] options live in [image] here, so one all-in-one file can hold every service.
 */
public final class ImageOptions {
    private ImageOptions() {}

    public static final ConfigOption<Integer> PORT = ConfigOption.port("image", "port", 9292,
            "Port of the Glance v2 API.");
    public static final ConfigOption<String> DATA_DIR = ConfigOption.string("glance_store",
            "filesystem_store_datadir", null, "Directory of the filesystem image store (image data, staged "
                    + "imports and in-flight uploads). Defaults to <data-dir>/images.");
    public static final ConfigOption<String> USER_STORAGE_QUOTA = ConfigOption.string("image", "user_storage_quota",
            "0", "Most image data one project may store (uploaded and staged), e.g. 500GB; units B, KB, MB, GB, TB "
                    + "(powers of 1024); 0 = unlimited. Uploads over it get 413 and nothing is kept.");
    public static final ConfigOption<String> IMAGE_SIZE_CAP = ConfigOption.string("image", "image_size_cap",
            "1099511627776", "Largest single image accepted, in bytes (same units as user_storage_quota).");
    public static final ConfigOption<Integer> LIMIT_PARAM_DEFAULT = ConfigOption.integer("image",
            "limit_param_default", 25, "Images per page when a list request gives no limit.");
    public static final ConfigOption<Integer> API_LIMIT_MAX = ConfigOption.integer("image", "api_limit_max", 1000,
            "Largest page size a list request may ask for.");
    public static final ConfigOption<Integer> IMAGE_MEMBER_QUOTA = ConfigOption.integer("image",
            "image_member_quota", 128, "Most members per image; -1 = unlimited.");
    public static final ConfigOption<Integer> IMAGE_PROPERTY_QUOTA = ConfigOption.integer("image",
            "image_property_quota", 128, "Most additional properties per image; -1 = unlimited.");
    public static final ConfigOption<Integer> IMAGE_TAG_QUOTA = ConfigOption.integer("image", "image_tag_quota",
            128, "Most tags per image; -1 = unlimited.");
    public static final ConfigOption<List<String>> ENABLED_IMPORT_METHODS = ConfigOption.list("image",
            "enabled_import_methods", List.of("glance-direct"),
            "Interoperable import methods offered; only glance-direct is implemented (empty turns import off).");
    public static final ConfigOption<List<String>> DISK_FORMATS = ConfigOption.list("image_format", "disk_formats",
            List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"),
            "disk_format values images may have.");
    public static final ConfigOption<List<String>> CONTAINER_FORMATS = ConfigOption.list("image_format",
            "container_formats", List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"),
            "container_format values images may have.");
    public static final ConfigOption<Boolean> REQUIRE_FORMAT_MATCH = ConfigOption.bool("image_format",
            "require_image_format_match", true, "Refuse data of a 'bare' image whose content is not in its "
                    + "disk_format (as Glance 2025.1 does). Unsafe content (qcow2 backing or data files, VMDK "
                    + "descriptors that point elsewhere) is refused either way.");
    public static final ConfigOption<String> POLICY_FILE = ConfigOption.string("image", "policy_file", null,
            "policy.yaml with rules that override the built-in Glance defaults.");

    public static List<ConfigOption<?>> all() {
        return List.of(PORT, DATA_DIR, USER_STORAGE_QUOTA, IMAGE_SIZE_CAP, LIMIT_PARAM_DEFAULT, API_LIMIT_MAX,
                IMAGE_MEMBER_QUOTA, IMAGE_PROPERTY_QUOTA, IMAGE_TAG_QUOTA, ENABLED_IMPORT_METHODS, DISK_FORMATS,
                CONTAINER_FORMATS, REQUIRE_FORMAT_MATCH, POLICY_FILE);
    }
}
