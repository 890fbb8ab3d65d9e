package org.apiary.identity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Region;
import org.apiary.identity.domain.RegionService;

/** /v3/regions: each handler reads policy → parse/validate → domain call → render. */
public final class RegionsResource {
    private final RegionService regions;
    private final Authz authz;

    public RegionsResource(RegionService regions, Authz authz) {
        this.regions = regions;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/regions", this::list);
        routes.add("POST", "/v3/regions", this::create);
        routes.add("GET", "/v3/regions/{region_id}", this::get);
        routes.add("PUT", "/v3/regions/{region_id}", this::createWithId);
        routes.add("PATCH", "/v3/regions/{region_id}", this::update);
        routes.add("DELETE", "/v3/regions/{region_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_regions");
        String parent = req.queryParam("parent_region_id").orElse(null);
        return Links.collection(req, "regions", regions.list(parent).stream().map(r -> Views.region(req, r)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "get_region");
        return Links.single(200, "region", Views.region(req, regions.get(req.param("region_id"))));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_region");
        ObjectNode body = Fields.requireObject(req.json(), "region");
        String id = Fields.optString(body, "id");
        Fields.checkLength("id", id, 1, 255);
        return created(req, id, body);
    }

    private ApiResponse createWithId(ApiRequest req) {
        authz.enforce(req, "create_region");
        ObjectNode body = Fields.requireObject(req.json(), "region");
        String id = req.param("region_id");
        String bodyId = Fields.optString(body, "id");
        if (bodyId != null && !bodyId.equals(id)) {
            throw ServiceException.badRequest("Conflicting region IDs specified: \"" + id + "\" != \"" + bodyId + "\"");
        }
        return created(req, id, body);
    }

    private ApiResponse created(ApiRequest req, String id, ObjectNode body) {
        Region r = regions.create(id, Fields.optString(body, "description"), Fields.optString(body, "parent_region_id"),
                extra(body));
        return Links.single(201, "region", Views.region(req, r))
                .header("Location", req.baseUrl() + "/v3/regions/" + r.id());
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "update_region");
        ObjectNode body = Fields.requireObject(req.json(), "region");
        Region current = regions.get(req.param("region_id"));
        String bodyId = Fields.optString(body, "id");
        if (bodyId != null && !bodyId.equals(current.id())) {
            throw ServiceException.badRequest("The region id cannot be changed.");
        }
        Map<String, Object> extra = new java.util.HashMap<>(current.extra());
        extra.putAll(extra(body));
        Region updated = new Region(current.id(),
                body.has("description") ? Fields.optString(body, "description") : current.description(),
                body.has("parent_region_id") ? Fields.optString(body, "parent_region_id") : current.parentRegionId(),
                extra);
        return Links.single(200, "region", Views.region(req, regions.update(updated)));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_region");
        regions.delete(req.param("region_id"));
        return ApiResponse.noContent();
    }

    private static Map<String, Object> extra(ObjectNode body) {
        return Extra.of(body, "id", "description", "parent_region_id", "links");
    }
}
