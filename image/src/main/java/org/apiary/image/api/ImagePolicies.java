package org.apiary.image.api;

import java.util.List;
import org.apiary.common.policy.RuleDefault;

/**
 * Glance Zed's policy defaults (glance/policies/*.py), project-scoped: the secure-RBAC check
 * strings, where admin may do anything, project members manage their project's images and
 * readers read. Glance also keeps hard-coded owner checks in code when secure RBAC is off; the
 * resources do those too (Authz.requireOwner). Overridable rule by rule from policy.yaml.
 */
public final class ImagePolicies {
    private ImagePolicies() {}

    private static final String MEMBER = "role:member and project_id:%(project_id)s";
    private static final String READER = "role:reader and project_id:%(project_id)s";
    private static final String IMAGE_MEMBER = "project_id:%(member_id)s";
    private static final String OPEN = "'community':%(visibility)s or 'public':%(visibility)s or "
            + "'shared':%(visibility)s";
    static final String ADMIN_OR_MEMBER = "role:admin or (" + MEMBER + ")";
    static final String ADMIN_OR_READER = "role:admin or (" + READER + ")";
    /** Reading a namespace and what is in it: admin, a reader of its project, anyone when it is public. */
    private static final String READ_NAMESPACE = "role:admin or (role:reader and (project_id:%(project_id)s or "
            + "'public':%(visibility)s))";


    public static final List<RuleDefault> DEFAULTS = List.of(
            new RuleDefault("default", "", "Rule for policies that have no default of their own."),
            new RuleDefault("context_is_admin", "role:admin", "Defines the rule for the is_admin:True check."),
            new RuleDefault("add_image", "role:admin or (" + MEMBER + " and project_id:%(owner)s)",
                    "Create new image"),
            new RuleDefault("delete_image", ADMIN_OR_MEMBER, "Deletes the image"),
            new RuleDefault("get_image", "role:admin or (role:reader and (project_id:%(project_id)s or "
                    + IMAGE_MEMBER + " or " + OPEN + "))", "Get specified image"),
            new RuleDefault("get_images", ADMIN_OR_READER, "Get all available images"),
            new RuleDefault("modify_image", ADMIN_OR_MEMBER, "Updates given image"),
            new RuleDefault("publicize_image", "role:admin", "Publicize given image"),
            new RuleDefault("communitize_image", ADMIN_OR_MEMBER, "Communitize given image"),
            new RuleDefault("download_image", "role:admin or (role:member and (project_id:%(project_id)s or "
                    + IMAGE_MEMBER + " or " + OPEN + "))", "Downloads given image"),
            new RuleDefault("upload_image", ADMIN_OR_MEMBER, "Uploads data to specified image"),
            new RuleDefault("delete_image_location", "role:admin", "Deletes a location from an image"),
            new RuleDefault("get_image_location", ADMIN_OR_READER, "Reads the image location"),
            new RuleDefault("set_image_location", ADMIN_OR_MEMBER, "Sets the image location"),
            new RuleDefault("add_member", ADMIN_OR_MEMBER, "Create image member"),
            new RuleDefault("delete_member", ADMIN_OR_MEMBER, "Delete image member"),
            new RuleDefault("get_member", "role:admin or role:reader and (project_id:%(project_id)s or "
                    + IMAGE_MEMBER + ")", "Show image member details"),
            new RuleDefault("get_members", "role:admin or role:reader and (project_id:%(project_id)s or "
                    + IMAGE_MEMBER + ")", "List image members"),
            new RuleDefault("modify_member", "role:admin or (role:member and " + IMAGE_MEMBER + ")",
                    "Update image member"),
            new RuleDefault("deactivate", ADMIN_OR_MEMBER, "Deactivate image"),
            new RuleDefault("reactivate", ADMIN_OR_MEMBER, "Reactivate image"),
            new RuleDefault("stores_info_detail", "role:admin", "Expose store specific information"),
            new RuleDefault("metadef_default", "", ""),
            new RuleDefault("metadef_admin", "role:admin", ""),
            new RuleDefault("get_metadef_namespaces", ADMIN_OR_READER, "List namespace."),
            new RuleDefault("list_metadef_resource_types", READ_NAMESPACE, "List meta definition resource types."));

    /** The metadefs rules: reads per namespace, every write admin-only (metadef_admin). */
    public static List<RuleDefault> all() {
        List<RuleDefault> all = new java.util.ArrayList<>(DEFAULTS);
        for (String read : List.of("get_metadef_namespace", "get_metadef_object", "get_metadef_objects",
                "get_metadef_resource_type", "get_metadef_property", "get_metadef_properties", "get_metadef_tag",
                "get_metadef_tags")) {
            all.add(new RuleDefault(read, READ_NAMESPACE, ""));
        }
        for (String write : List.of("modify_metadef_namespace", "add_metadef_namespace", "delete_metadef_namespace",
                "modify_metadef_object", "add_metadef_object", "delete_metadef_object",
                "add_metadef_resource_type_association", "remove_metadef_resource_type_association",
                "modify_metadef_property", "add_metadef_property", "remove_metadef_property", "modify_metadef_tag",
                "add_metadef_tag", "add_metadef_tags", "delete_metadef_tag", "delete_metadef_tags")) {
            all.add(new RuleDefault(write, "rule:metadef_admin", ""));
        }
        return all;
    }
}
