package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageMember;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.MemberService;
import org.apiary.image.domain.Viewer;

/**
 * /v2/images/{id}/members: the owner shares a 'shared' image with a project, which then
 * accepts or rejects it. As in Glance, only the owner (or an admin) adds and removes members,
 * only the member itself changes its status, and a refusal about a membership the caller cannot
 * see reads 404.
 */
public final class MembersResource {
    private final ImageService images;
    private final MemberService members;
    private final Authz authz;

    public MembersResource(ImageService images, MemberService members, Authz authz) {
        this.images = images;
        this.members = members;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2/images/{image_id}/members", this::list);
        routes.add("POST", "/v2/images/{image_id}/members", this::create);
        routes.add("GET", "/v2/images/{image_id}/members/{member_id}", this::show);
        routes.add("PUT", "/v2/images/{image_id}/members/{member_id}", this::update);
        routes.add("DELETE", "/v2/images/{image_id}/members/{member_id}", this::delete);
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode body = ImagesResource.objectBody(req);
        JsonNode member = body.get("member");
        if (member == null) {
            throw ServiceException.badRequest("Member to be added not specified");
        }
        if (member.isNull() || member.asText().isEmpty()) {
            throw ServiceException.badRequest("Member can't be empty");
        }
        Viewer viewer = authz.viewer(req);
        Image image = image(req, viewer);
        String refused = "Not allowed to create members for image " + image.id() + ".";
        shared(image, refused);
        if (!viewer.admin() && (image.owner() == null || !image.owner().equals(viewer.projectId()))) {
            throw ServiceException.forbidden(refused);
        }
        authz.enforce(req, "add_member", image);
        return ApiResponse.ok(Views.member(members.add(image, member.asText())));
    }

    private ApiResponse list(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        Image image = image(req, viewer);
        try {
            MemberService.requireShared(image);
        } catch (ServiceException e) {
            throw ServiceException.forbidden("Not allowed to list members for image " + image.id() + ": "
                    + e.getMessage());
        }
        authz.enforce(req, "get_members", image);
        List<Map<String, Object>> shown = members.list(image, viewer).stream()
                .filter(m -> authz.allows(req, "get_member", image)).map(Views::member).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("members", shown);
        body.put("schema", "/v2/schemas/members");
        return ApiResponse.ok(body);
    }

    private ApiResponse show(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        Image image = image(req, viewer);
        try {
            MemberService.requireShared(image);
            return ApiResponse.ok(Views.member(lookup(req, viewer, image)));
        } catch (ServiceException e) {
            if (e.kind() == ErrorKind.FORBIDDEN) {
                throw ServiceException.notFound(e.getMessage());
            }
            throw e;
        }
    }

    private ApiResponse update(ApiRequest req) {
        ObjectNode body = ImagesResource.objectBody(req);
        if (!body.has("status")) {
            throw ServiceException.badRequest("Status not specified");
        }
        Viewer viewer = authz.viewer(req);
        Image image = image(req, viewer);
        String refused = "Not allowed to update members for image " + image.id() + ".";
        shared(image, refused);
        if (!viewer.admin() && viewer.projectId() != null && viewer.projectId().equals(image.owner())) {
            throw ServiceException.forbidden(refused); // the owner shares; only the member accepts
        }
        ImageMember member = lookup(req, viewer, image);
        authz.enforce(req, "modify_member", image);
        return ApiResponse.ok(Views.member(members.setStatus(image, member, body.get("status").asText())));
    }

    private ApiResponse delete(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        Image image = image(req, viewer);
        String refused = "Not allowed to delete members for image " + image.id() + ".";
        shared(image, refused);
        if (!viewer.admin() && (viewer.projectId() == null || !viewer.projectId().equals(image.owner()))) {
            throw ServiceException.forbidden(refused);
        }
        ImageMember member = lookup(req, viewer, image);
        authz.enforce(req, "delete_member", image);
        members.delete(image, member);
        return ApiResponse.noContent();
    }

    private Image image(ApiRequest req, Viewer viewer) {
        try {
            return images.get(viewer, req.param("image_id"));
        } catch (ServiceException e) {
            throw ServiceException.notFound("Image " + req.param("image_id") + " not found.");
        }
    }

    private static void shared(Image image, String refused) {
        if (!image.visibility().equals("shared")) {
            throw ServiceException.forbidden(refused);
        }
    }

    /** The membership, if the caller may see it (get_member): 404 otherwise. */
    private ImageMember lookup(ApiRequest req, Viewer viewer, Image image) {
        String memberId = req.param("member_id");
        if (!authz.allows(req, "get_member", image)) {
            if (!authz.allows(req, "get_image", image)) {
                throw ServiceException.notFound("Image " + image.id() + " not found.");
            }
            throw ServiceException.forbidden("You are not authorized to lookup the members of the image "
                    + image.id() + ".");
        }
        return members.get(image, memberId, viewer);
    }
}
