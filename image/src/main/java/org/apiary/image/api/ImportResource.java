package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageService;
import org.apiary.image.domain.ImportService;
import org.apiary.image.domain.Viewer;

/** POST /v2/images/{id}/import: interoperable image import (glance-direct), answered 202 at once. */
public final class ImportResource {
    private final ImageService images;
    private final ImportService imports;
    private final Authz authz;
    private final String storeId;

    public ImportResource(ImageService images, ImportService imports, Authz authz, String storeId) {
        this.images = images;
        this.imports = imports;
        this.authz = authz;
        this.storeId = storeId;
    }

    public void register(RouteTable routes) {
        routes.add("POST", "/v2/images/{image_id}/import", this::importImage);
    }

    private ApiResponse importImage(ApiRequest req) {
        ObjectNode body = ImagesResource.objectBody(req);
        JsonNode method = body.get("method");
        if (method == null) {
            throw ServiceException.badRequest("Import request requires a 'method' field.");
        }
        if (!method.isObject() || !method.has("name")) {
            throw ServiceException.badRequest("Import request requires a 'name' field.");
        }
        String name = method.get("name").asText();
        if (!images.limits().importMethods().contains(name)) {
            throw ServiceException.badRequest("Unknown import method name '" + name + "'.");
        }
        for (String flag : List.of("all_stores_must_succeed", "all_stores")) {
            if (body.has(flag) && !body.get(flag).isBoolean()) {
                throw ServiceException.badRequest("'" + flag + "' must be boolean value only");
            }
        }
        List<String> stores = stores(req, body);
        Viewer viewer = authz.viewer(req);
        Image image = images.get(viewer, req.param("image_id"));
        authz.enforce(req, "modify_image", image);
        authz.requireOwner(viewer, image);
        imports.start(image, name, stores, new ImportService.Requester(viewer.projectId(), req.auth().userId(),
                req.requestId()), "{\"image_id\": \"" + image.id() + "\", \"import_req\": " + body + ", \"backend\": "
                + "[\"" + storeId + "\"]}");
        return ApiResponse.empty(202);
    }

    /** The stores asked for: the body's "stores", all of them, or the X-Image-Meta-Store header's one. */
    private List<String> stores(ApiRequest req, ObjectNode body) {
        boolean all = body.path("all_stores").asBoolean(false);
        var header = req.header("X-Image-Meta-Store");
        if (all && (body.has("stores") || header.isPresent())) {
            throw ServiceException.badRequest("All_stores parameter can't be used with x-image-meta-store header or "
                    + "stores parameter");
        }
        if (all) {
            return List.of(storeId);
        }
        List<String> stores = new ArrayList<>();
        if (body.has("stores")) {
            if (!body.get("stores").isArray()) {
                throw ServiceException.badRequest("'stores' must be a list of store identifiers");
            }
            body.get("stores").forEach(s -> stores.add(s.asText()));
        } else {
            header.ifPresent(stores::add);
        }
        return stores;
    }
}
