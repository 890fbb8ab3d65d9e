package org.apiary.image.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;

/** /v2/schemas/* (read by the clients) and /v2/info/* (import methods, stores, usage). */
public final class DiscoveryResource {
    private final Schemas schemas;
    private final Authz authz;
    private final List<String> importMethods;
    private final String storeId;
    private final String storeLocation;
    private final int chunkSize;

    public DiscoveryResource(Schemas schemas, Authz authz, List<String> importMethods, String storeId,
                             String storeLocation, int chunkSize) {
        this.schemas = schemas;
        this.authz = authz;
        this.importMethods = importMethods;
        this.storeId = storeId;
        this.storeLocation = storeLocation;
        this.chunkSize = chunkSize;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2/schemas/image", req -> ApiResponse.ok(schemas.image()));
        routes.add("GET", "/v2/schemas/images", req -> ApiResponse.ok(schemas.images()));
        routes.add("GET", "/v2/schemas/member", req -> ApiResponse.ok(schemas.member()));
        routes.add("GET", "/v2/schemas/members", req -> ApiResponse.ok(schemas.members()));
        schemas.metadefs().forEach((name, schema) ->
                routes.add("GET", "/v2/schemas/metadefs/" + name, req -> ApiResponse.ok(schema)));
        routes.add("GET", "/v2/info/import", this::importInfo);
        routes.add("GET", "/v2/info/stores", req -> ApiResponse.ok(Map.of("stores", List.of(store()))));
        routes.add("GET", "/v2/info/stores/detail", this::storesDetail);
        // Glance reports unified-limits usage here; this deployment uses [image] user_storage_quota instead.
        routes.add("GET", "/v2/info/usage", req -> ApiResponse.ok(Map.of("usage", Map.of())));
    }

    private ApiResponse importInfo(ApiRequest req) {
        Map<String, Object> methods = new LinkedHashMap<>();
        methods.put("description", "Import methods available.");
        methods.put("type", "array");
        methods.put("value", importMethods);
        return ApiResponse.ok(Map.of("import-methods", methods));
    }

    private Map<String, Object> store() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", storeId);
        s.put("default", "true");
        return s;
    }

    private ApiResponse storesDetail(ApiRequest req) {
        Map<String, Object> target = new java.util.HashMap<>();
        target.put("project_id", req.auth().projectId());
        authz.enforce(req, "stores_info_detail", target);
        Map<String, Object> s = store();
        s.put("type", "file");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("data_dir", storeLocation);
        props.put("chunk_size", chunkSize);
        props.put("thin_provisioning", false);
        s.put("properties", props);
        return ApiResponse.ok(Map.of("stores", List.of(s)));
    }
}
