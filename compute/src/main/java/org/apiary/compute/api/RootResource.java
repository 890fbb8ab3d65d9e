package org.apiary.compute.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.microversion.Microversion;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * The version documents (nova/api/openstack/compute/versions.py): the list at {@code /} and
 * v2.1 alone at {@code /v2.1}. The legacy v2.0 API is not served, so it is not listed.
 */
public final class RootResource {
    private final Microversion min;
    private final Microversion max;

    public RootResource(Microversion min, Microversion max) {
        this.min = min;
        this.max = max;
    }

    public void register(NovaRoutes routes) {
        routes.addPublic("GET", "/", this::versions);
        routes.addPublic("GET", NovaRoutes.PREFIX, this::version);
    }

    private Map<String, Object> base() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.1");
        v.put("status", "CURRENT");
        v.put("version", max.toString());
        v.put("min_version", min.toString());
        v.put("updated", "2013-07-23T11:33:21Z");
        return v;
    }

    private ApiResponse versions(ApiRequest req) {
        Map<String, Object> v = base();
        v.put("links", List.of(Map.of("rel", "self", "href", NovaRoutes.root(req) + "/")));
        return ApiResponse.ok(Map.of("versions", List.of(v)));
    }

    private ApiResponse version(ApiRequest req) {
        Map<String, Object> v = base();
        v.put("links", List.of(Map.of("rel", "self", "href", NovaRoutes.root(req) + "/"),
                Map.of("rel", "describedby", "type", "text/html", "href", "http://docs.openstack.org/")));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.compute+json;version=2.1")));
        return ApiResponse.ok(Map.of("version", v));
    }
}
