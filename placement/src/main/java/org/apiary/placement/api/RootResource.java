package org.apiary.placement.api;

import java.util.List;
import java.util.Map;
import org.apiary.common.microversion.Microversion;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** GET /: the version document with the microversion range. */
public final class RootResource {
    private final Microversion min;
    private final Microversion max;

    public RootResource(Microversion min, Microversion max) {
        this.min = min;
        this.max = max;
    }

    public void register(Routes routes) {
        routes.addPublic("GET", "/", Routes.Body.NONE, this::home);
    }

    private ApiResponse home(ApiRequest req) {
        // The self link is deliberately relative ("this same URL"), as upstream.
        Map<String, Object> version = Map.of("id", "v" + min, "max_version", max.toString(),
                "min_version", min.toString(), "status", "CURRENT",
                "links", List.of(Map.of("rel", "self", "href", "")));
        return Views.cached(req, ApiResponse.ok(Map.of("versions", List.of(version))), 0);
    }
}
