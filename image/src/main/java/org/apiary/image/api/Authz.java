package org.apiary.image.api;

import java.util.HashMap;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.Viewer;

/**
 * Policy enforcement with Glance's conventions: the target of an image rule is the image
 * (project_id = owner, member_id = the caller's project when it sees a shared image as a
 * member), and a refusal on an image the caller cannot see reads 404, never 403, so that the
 * answer does not reveal that the image exists.
 */
public final class Authz {
    private final PolicyEngine policy;
    private final ImageService images;

    public Authz(PolicyEngine policy, ImageService images) {
        this.policy = policy;
        this.images = images;
    }

    /** The caller as the domain sees it. */
    public Viewer viewer(ApiRequest req) {
        return new Viewer(req.auth().projectId(), policy.allows("context_is_admin", Map.of(), req.auth()));
    }

    /** A rule on no particular image (listing, creating): 403 when refused. */
    public void enforce(ApiRequest req, String rule, Map<String, Object> target) {
        if (!policy.allows(rule, target, req.auth())) {
            throw forbidden(rule);
        }
    }

    public boolean allows(ApiRequest req, String rule, Image image) {
        return policy.allows(rule, target(req, image), req.auth());
    }

    /** A rule on an image: 404 when the caller may not even see it, else 403. */
    public void enforce(ApiRequest req, String rule, Image image) {
        if (!allows(req, rule, image)) {
            if (rule.equals("get_image") || !allows(req, "get_image", image)) {
                throw ServiceException.notFound("No image found with ID " + image.id());
            }
            throw forbidden(rule);
        }
    }

    /** publicize_image / communitize_image when an image is made public or community. */
    public void enforceVisibility(ApiRequest req, String visibility, Map<String, Object> target) {
        if ("public".equals(visibility)) {
            enforce(req, "publicize_image", target);
        } else if ("community".equals(visibility)) {
            enforce(req, "communitize_image", target);
        }
    }

    /**
     * Glance's hard-coded check beside policy (check_is_image_mutable): only an admin or the
     * owning project changes an image, whatever policy.yaml says.
     */
    public void requireOwner(Viewer viewer, Image image) {
        if (!viewer.admin() && (image.owner() == null || !image.owner().equals(viewer.projectId()))) {
            throw ServiceException.forbidden("You do not own this image");
        }
    }

    /** The attributes policy check strings can name, as Glance's ImageTarget exposes them. */
    public Map<String, Object> target(ApiRequest req, Image image) {
        Map<String, Object> t = new HashMap<>(image.properties());
        t.put("id", image.id());
        t.put("name", image.name());
        t.put("status", image.status().wire());
        t.put("visibility", image.visibility());
        t.put("protected", image.isProtected());
        t.put("os_hidden", image.osHidden());
        t.put("owner", image.owner());
        t.put("project_id", image.owner());
        t.put("disk_format", image.diskFormat());
        t.put("container_format", image.containerFormat());
        t.put("member_id", images.memberTarget(viewer(req), image));
        return t;
    }

    static ServiceException forbidden(String rule) {
        return ServiceException.forbidden("You are not authorized to complete " + rule + " action.");
    }
}
