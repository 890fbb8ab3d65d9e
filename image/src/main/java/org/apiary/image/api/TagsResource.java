package org.apiary.image.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.Viewer;

/** PUT and DELETE /v2/images/{id}/tags/{tag}. */
public final class TagsResource {
    private final ImageService images;
    private final Authz authz;
    private final Schemas schemas;

    public TagsResource(ImageService images, Authz authz, Schemas schemas) {
        this.images = images;
        this.authz = authz;
        this.schemas = schemas;
    }

    public void register(RouteTable routes) {
        routes.add("PUT", "/v2/images/{image_id}/tags/{tag_value}", this::add);
        routes.add("DELETE", "/v2/images/{image_id}/tags/{tag_value}", this::remove);
    }

    private ApiResponse add(ApiRequest req) {
        String tag = req.param("tag_value");
        ObjectNode asImage = Json.object();
        asImage.putArray("tags").add(tag);
        schemas.checkImage(asImage);
        Image image = mutable(req);
        images.addTag(image, tag);
        return ApiResponse.noContent();
    }

    private ApiResponse remove(ApiRequest req) {
        Image image = mutable(req);
        images.removeTag(image, req.param("tag_value"));
        return ApiResponse.noContent();
    }

    private Image mutable(ApiRequest req) {
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "modify_image", image);
        authz.requireOwner(viewer, image);
        return image;
    }
}
