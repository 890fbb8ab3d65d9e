package org.apiary.placement.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.placement.api.schema.Schemas;
import org.apiary.placement.domain.CatalogService;
import org.apiary.placement.domain.NamedItem;

/** /resource_classes (1.2+); PUT creates-or-confirms from 1.7, renames before. */
public final class ResourceClassesResource {
    private final CatalogService catalog;
    private final Authz authz;

    public ResourceClassesResource(CatalogService catalog, Authz authz) {
        this.catalog = catalog;
        this.authz = authz;
    }

    public void register(Routes routes) {
        routes.add("GET", "/resource_classes", Routes.Body.SENDS_JSON, this::list);
        routes.add("POST", "/resource_classes", "1.2", Routes.Body.READS_JSON, this::create);
        routes.add("GET", "/resource_classes/{name}", Routes.Body.SENDS_JSON, this::get);
        routes.add("PUT", "/resource_classes/{name}", Routes.Body.NONE, this::put);
        routes.add("DELETE", "/resource_classes/{name}", Routes.Body.NONE, this::delete);
    }

    private static Map<String, Object> view(String name) {
        return Map.of("name", name, "links", List.of(Map.of("rel", "self", "href", "/resource_classes/" + name)));
    }

    private ApiResponse list(ApiRequest req) {
        Requests.since(req, "1.2");
        authz.enforce(req, "placement:resource_classes:list");
        List<Map<String, Object>> out = new ArrayList<>();
        long last = 0;
        for (NamedItem rc : catalog.resourceClasses()) {
            out.add(view(rc.name()));
            last = Math.max(last, rc.lastModified());
        }
        return Views.cached(req, ApiResponse.ok(Map.of("resource_classes", out)), last);
    }

    private ApiResponse create(ApiRequest req) {
        Requests.since(req, "1.2");
        authz.enforce(req, "placement:resource_classes:create");
        String name = Requests.body(req, Schemas.RESOURCE_CLASS).get("name").asText();
        catalog.createResourceClass(name);
        return ApiResponse.empty(201).header("Location", req.baseUrl() + "/resource_classes/" + name);
    }

    private ApiResponse get(ApiRequest req) {
        Requests.since(req, "1.2");
        authz.enforce(req, "placement:resource_classes:show");
        NamedItem rc = catalog.resourceClass(req.param("name"));
        return Views.cached(req, ApiResponse.ok(view(rc.name())), rc.lastModified());
    }

    private ApiResponse put(ApiRequest req) throws Exception {
        Requests.since(req, "1.2");
        authz.enforce(req, "placement:resource_classes:update");
        String name = req.param("name");
        if (!req.atLeast("1.7")) {
            return rename(req, name);
        }
        // 1.7: bodiless create-or-confirm; the name itself is validated like a body would be.
        Requests.validate(Schemas.RESOURCE_CLASS, Json.object().put("name", name), "JSON does not validate: ");
        boolean created = catalog.ensureResourceClass(name);
        return ApiResponse.empty(created ? 201 : 204).header("Location", req.baseUrl() + "/resource_classes/" + name);
    }

    private ApiResponse rename(ApiRequest req, String name) throws Exception {
        if (!req.header("Content-Type").orElse("").toLowerCase().startsWith("application/json")) {
            throw new org.apiary.common.error.ServiceException(org.apiary.common.error.ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "The media type " + req.header("Content-Type").orElse("None")
                            + " is not supported, use application/json");
        }
        JsonNode data = Requests.body(req, Schemas.RESOURCE_CLASS);
        catalog.resourceClass(name);
        String newName = data.get("name").asText();
        catalog.renameResourceClass(name, newName);
        return ApiResponse.ok(view(newName));
    }

    private ApiResponse delete(ApiRequest req) {
        Requests.since(req, "1.2");
        authz.enforce(req, "placement:resource_classes:delete");
        catalog.deleteResourceClass(req.param("name"));
        return ApiResponse.noContent();
    }
}
