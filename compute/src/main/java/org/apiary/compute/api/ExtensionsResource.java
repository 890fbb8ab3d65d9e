package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /extensions (extension_info.py). Since v2.1 Nova answers with a frozen list, the same on every
 * deployment; clients read it as a legacy formality, not as a statement of what is served. It
 * is copied from Nova 26 by compute/tools/gen_upstream_data.py.
 */
public final class ExtensionsResource {
    private static final String POLICY = "os_compute_api:extensions";
    private final JsonNode extensions;
    private final Authz authz;

    public ExtensionsResource(Authz authz) {
        this.authz = authz;
        try (InputStream in = ExtensionsResource.class.getResourceAsStream("/org/apiary/compute/extensions.json")) {
            this.extensions = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Nova's extension list", e);
        }
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/extensions", this::list);
        routes.add("GET", "/extensions/{alias}", this::show);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, POLICY);
        return ApiResponse.ok(Map.of("extensions", extensions));
    }

    private ApiResponse show(ApiRequest req) {
        authz.enforce(req, POLICY);
        for (JsonNode e : extensions) {
            if (e.get("alias").asText().equals(req.param("alias"))) {
                return ApiResponse.ok(Map.of("extension", e));
            }
        }
        throw ServiceException.notFound("The resource could not be found.");
    }
}
