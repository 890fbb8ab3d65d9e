package org.apiary.identity.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;

/** Version discovery: GET / (300 Multiple Choices) and GET /v3, as Keystone Zed answers them. */
public final class VersionResource {
    static final String VERSION = "v3.14";
    static final String UPDATED = "2020-04-07T00:00:00Z";

    public void register(RouteTable routes) {
        routes.addPublic("GET", "/", this::versions);
        routes.addPublic("GET", "/v3", this::v3);
    }

    private ApiResponse versions(ApiRequest req) {
        return ApiResponse.json(300, Map.of("versions", Map.of("values", List.of(describe(req)))));
    }

    private ApiResponse v3(ApiRequest req) {
        return ApiResponse.ok(Map.of("version", describe(req)));
    }

    private static Map<String, Object> describe(ApiRequest req) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", VERSION);
        v.put("status", "stable");
        v.put("updated", UPDATED);
        v.put("links", List.of(Map.of("rel", "self", "href", req.baseUrl() + "/v3/")));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.identity-v3+json")));
        return v;
    }
}
