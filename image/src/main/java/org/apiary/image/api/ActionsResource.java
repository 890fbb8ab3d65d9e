package org.apiary.image.api;

import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.Viewer;

/** POST /v2/images/{id}/actions/deactivate and /reactivate. */
public final class ActionsResource {
    private final ImageService images;
    private final Authz authz;

    public ActionsResource(ImageService images, Authz authz) {
        this.images = images;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("POST", "/v2/images/{image_id}/actions/deactivate", this::deactivate);
        routes.add("POST", "/v2/images/{image_id}/actions/reactivate", this::reactivate);
    }

    private ApiResponse deactivate(ApiRequest req) {
        images.deactivate(checked(req, "deactivate"));
        return ApiResponse.noContent();
    }

    private ApiResponse reactivate(ApiRequest req) {
        images.reactivate(checked(req, "reactivate"));
        return ApiResponse.noContent();
    }

    private Image checked(ApiRequest req, String rule) {
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, rule, image);
        authz.requireOwner(viewer, image);
        return image;
    }
}
