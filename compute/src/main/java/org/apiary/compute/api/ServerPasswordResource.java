package org.apiary.compute.api;

import java.util.Map;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * /servers/{id}/os-server-password (server_password.py). Nova keeps the password a guest posts
 * to its metadata service; Apiary's guests have no such endpoint to post to, so no server ever
 * has one: GET answers Nova's "no password" (an empty string) and DELETE has nothing to clear.
 */
final class ServerPasswordResource {
    private static final String POLICY = "os_compute_api:os-server-password:";

    private final ServerService servers;
    private final Authz authz;

    ServerPasswordResource(ServerService servers, Authz authz) {
        this.servers = servers;
        this.authz = authz;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/servers/{id}/os-server-password", this::show);
        routes.add("DELETE", "/servers/{id}/os-server-password", this::clear);
    }

    private ApiResponse show(ApiRequest req) {
        ServersResource.visible(req, servers, authz, POLICY + "show");
        return ApiResponse.ok(Map.of("password", ""));
    }

    private ApiResponse clear(ApiRequest req) {
        ServersResource.visible(req, servers, authz, POLICY + "clear");
        return ApiResponse.noContent();
    }
}
