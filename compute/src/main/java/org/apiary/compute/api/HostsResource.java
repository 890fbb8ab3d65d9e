package org.apiary.compute.api;

import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;

/**
 * What depends on compute hosts: availability zones, hypervisors, services. No host agent
 * registers with the compute service yet, so, as on a Nova without nova-compute services, the
 * zone list and the hypervisor and service lists are empty, and any single one is a 404.
 */
public final class HostsResource {
    private final Authz authz;

    public HostsResource(Authz authz) {
        this.authz = authz;
    }

    public void register(NovaRoutes routes) {
        routes.add("GET", "/os-availability-zone", req -> zones(req, "os_compute_api:os-availability-zone:list"));
        routes.add("GET", "/os-availability-zone/detail",
                req -> zones(req, "os_compute_api:os-availability-zone:detail"));
        routes.add("GET", "/os-hypervisors", req -> empty(req, "os_compute_api:os-hypervisors:list", "hypervisors"));
        routes.add("GET", "/os-hypervisors/detail",
                req -> empty(req, "os_compute_api:os-hypervisors:list-detail", "hypervisors"));
        routes.add("GET", "/os-hypervisors/{id}", req -> missing(req, "os_compute_api:os-hypervisors:show",
                "Hypervisor with ID '" + req.param("id") + "' could not be found."));
        routes.add("GET", "/os-services", req -> empty(req, "os_compute_api:os-services:list", "services"));
    }

    private ApiResponse zones(ApiRequest req, String rule) {
        authz.enforce(req, rule);
        return ApiResponse.ok(Map.of("availabilityZoneInfo", List.of()));
    }

    private ApiResponse empty(ApiRequest req, String rule, String collection) {
        authz.enforce(req, rule);
        return ApiResponse.ok(Map.of(collection, List.of()));
    }

    private ApiResponse missing(ApiRequest req, String rule, String message) {
        authz.enforce(req, rule);
        throw org.apiary.common.error.ServiceException.notFound(message);
    }
}
