package org.apiary.agent.images;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/**
 * [glance] options of a compute agent on another host: the service user it authenticates with (keystoneauth's
 * password plugin option names, as Nova registers them in its [glance] section) and where the Image API is.
 * With auth_url, username and password set the agent fetches images from the Image API and uploads snapshots
 * to it; without them it boots only images already in [compute] image_cache_dir.
 */
public final class ImageServiceOptions {
    private ImageServiceOptions() {}

    static final String SECTION = "glance";

    public static final ConfigOption<String> AUTH_URL = ConfigOption.string(SECTION, "auth_url", null,
            "Keystone URL the compute agent authenticates its service user at (e.g. http://controller:5000/v3). "
                    + "With username and password set, qemu and bhyve hosts fetch images from the Image API into "
                    + "[compute] image_cache_dir and upload snapshots to it; unset: only images already in the cache "
                    + "directory boot. The all-in-one's own agent reads the image store directly and ignores this.");
    public static final ConfigOption<String> USERNAME = ConfigOption.string(SECTION, "username", null,
            "The compute agent's service user. It needs the admin role in its project to read and upload other "
                    + "projects' private images (Glance's default policy; as devstack's nova user has).");
    public static final ConfigOption<String> PASSWORD = ConfigOption.string(SECTION, "password", null,
            "Password of [glance] username.");
    public static final ConfigOption<String> USER_DOMAIN_NAME = ConfigOption.string(SECTION, "user_domain_name",
            "Default", "Domain of [glance] username.");
    public static final ConfigOption<String> PROJECT_NAME = ConfigOption.string(SECTION, "project_name", "service",
            "Project the service user's token is scoped to.");
    public static final ConfigOption<String> PROJECT_DOMAIN_NAME = ConfigOption.string(SECTION,
            "project_domain_name", "Default", "Domain of [glance] project_name.");
    public static final ConfigOption<String> ENDPOINT_OVERRIDE = ConfigOption.string(SECTION, "endpoint_override",
            null, "Image API URL to use instead of the 'image' entry of the token's catalog (e.g. "
                    + "http://controller:9292).");
    public static final ConfigOption<String> REGION_NAME = ConfigOption.string(SECTION, "region_name", null,
            "Region whose image endpoint is taken from the catalog; unset: the first that matches.");
    public static final ConfigOption<List<String>> VALID_INTERFACES = ConfigOption.list(SECTION, "valid_interfaces",
            List.of("internal", "public"), "Catalog interfaces to take the image endpoint from, in order of "
                    + "preference.");

    public static List<ConfigOption<?>> all() {
        return List.of(AUTH_URL, USERNAME, PASSWORD, USER_DOMAIN_NAME, PROJECT_NAME, PROJECT_DOMAIN_NAME,
                ENDPOINT_OVERRIDE, REGION_NAME, VALID_INTERFACES);
    }
}
