package org.apiary.identity.api;

import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.EndpointGroupService;

/**
 * OS-EP-FILTER direct project-endpoint associations (keystone/api/os_ep_filter.py). A project's
 * endpoints are those associated directly plus those its endpoint groups select.
 */
public final class ProjectEndpointsResource {
    private static final String PROJECT_ENDPOINT = "/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}";

    private final EndpointGroupService associations;
    private final Authz authz;

    public ProjectEndpointsResource(EndpointGroupService associations, Authz authz) {
        this.associations = associations;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("PUT", PROJECT_ENDPOINT, this::add);
        routes.add("GET", PROJECT_ENDPOINT, this::check);
        routes.add("DELETE", PROJECT_ENDPOINT, this::remove);
        routes.add("GET", "/v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects", this::projectsOfEndpoint);
        routes.add("GET", "/v3/OS-EP-FILTER/projects/{project_id}/endpoints", this::endpointsOfProject);
    }

    private ApiResponse add(ApiRequest req) {
        authz.enforce(req, "add_endpoint_to_project");
        associations.addEndpointToProject(req.param("endpoint_id"), req.param("project_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse check(ApiRequest req) {
        authz.enforce(req, "check_endpoint_in_project");
        associations.requireEndpointInProject(req.param("endpoint_id"), req.param("project_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse remove(ApiRequest req) {
        authz.enforce(req, "remove_endpoint_from_project");
        associations.removeEndpointFromProject(req.param("endpoint_id"), req.param("project_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse projectsOfEndpoint(ApiRequest req) {
        authz.enforce(req, "list_projects_for_endpoint");
        return Links.collection(req, "projects", associations.projectsOfEndpoint(req.param("endpoint_id")).stream()
                .map(p -> Views.project(req, p)).toList());
    }

    private ApiResponse endpointsOfProject(ApiRequest req) {
        authz.enforce(req, "list_endpoints_for_project");
        return Links.collection(req, "endpoints", associations.endpointsOfProject(req.param("project_id")).stream()
                .map(e -> Views.endpoint(req, e)).toList());
    }
}
