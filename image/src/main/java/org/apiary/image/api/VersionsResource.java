package org.apiary.image.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;

/**
 * Glance's version document: GET / answers 300 Multiple Choices, GET /versions 200, both listing
 * v2.15 as CURRENT and the older v2 minor versions as SUPPORTED (the set Glance Zed lists with
 * multiple stores enabled and no image cache). All are the same v2 API.
 */
public final class VersionsResource {
    private static final List<String> VERSIONS = List.of("2.15", "2.13", "2.12", "2.11", "2.10", "2.9", "2.8", "2.7",
            "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0");

    public void register(RouteTable routes) {
        routes.addPublic("GET", "/", req -> ApiResponse.json(300, document(req)));
        routes.addPublic("GET", "/versions", req -> ApiResponse.ok(document(req)));
    }

    private static Map<String, Object> document(ApiRequest req) {
        List<Map<String, Object>> versions = new ArrayList<>();
        for (String v : VERSIONS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", "v" + v);
            entry.put("status", v.equals("2.15") ? "CURRENT" : "SUPPORTED");
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("rel", "self");
            link.put("href", req.baseUrl() + "/v2/");
            entry.put("links", List.of(link));
            versions.add(entry);
        }
        return Map.of("versions", versions);
    }
}
