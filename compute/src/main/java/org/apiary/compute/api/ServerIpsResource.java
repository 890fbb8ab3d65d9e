package org.apiary.compute.api;

import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/** /servers/{id}/ips and /servers/{id}/ips/{network_label} (ips.py): the addresses view, by network label. */
final class ServerIpsResource {
    private static final String POLICY = "os_compute_api:ips:";

    private final ServerService servers;
    private final Authz authz;

    ServerIpsResource(ServerService servers, Authz authz) {
        this.servers = servers;
        this.authz = authz;
    }

    void register(NovaRoutes routes) {
        routes.add("GET", "/servers/{id}/ips", this::index);
        routes.add("GET", "/servers/{id}/ips/{label}", this::show);
    }

    private ApiResponse index(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "index");
        return ApiResponse.ok(Map.of("addresses", ServerViews.addresses(s, false)));
    }

    private ApiResponse show(ApiRequest req) {
        Server s = ServersResource.visible(req, servers, authz, POLICY + "show");
        String label = req.param("label");
        Object ips = ServerViews.addresses(s, false).get(label);
        if (ips == null) {
            throw ServiceException.notFound("Instance is not a member of specified network");
        }
        return ApiResponse.ok(Map.of(label, ips));
    }
}
