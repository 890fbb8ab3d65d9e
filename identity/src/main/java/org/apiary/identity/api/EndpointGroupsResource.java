package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.common.json.Json;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.EndpointGroup;
import org.apiary.identity.domain.EndpointGroupService;

/**
 * /v3/OS-EP-FILTER/endpoint_groups and their project associations (keystone/api/os_ep_filter.py,
 * catalog/schema.py). Attributes other than name, description and filters are not stored.
 */
public final class EndpointGroupsResource {
    private static final String BASE = "/v3/OS-EP-FILTER/endpoint_groups";
    private static final List<String> FILTER_KEYS = List.of("service_id", "region_id", "interface");

    private final EndpointGroupService groups;
    private final Authz authz;

    public EndpointGroupsResource(EndpointGroupService groups, Authz authz) {
        this.groups = groups;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", BASE, this::list);
        routes.add("POST", BASE, this::create);
        routes.add("GET", BASE + "/{endpoint_group_id}", this::get);
        routes.add("PATCH", BASE + "/{endpoint_group_id}", this::update);
        routes.add("DELETE", BASE + "/{endpoint_group_id}", this::delete);
        routes.add("GET", BASE + "/{endpoint_group_id}/projects", this::projects);
        routes.add("GET", BASE + "/{endpoint_group_id}/endpoints", this::endpoints);
        routes.add("PUT", BASE + "/{endpoint_group_id}/projects/{project_id}", this::addProject);
        routes.add("GET", BASE + "/{endpoint_group_id}/projects/{project_id}", this::checkProject);
        routes.add("DELETE", BASE + "/{endpoint_group_id}/projects/{project_id}", this::removeProject);
        routes.add("GET", "/v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups", this::groupsOfProject);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_endpoint_groups");
        return Links.collection(req, "endpoint_groups",
                groups.list(req.queryParam("name").orElse(null)).stream().map(g -> view(req, g)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        authz.enforce(req, "get_endpoint_group");
        return Links.single(200, "endpoint_group", view(req, groups.get(req.param("endpoint_group_id"))));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_endpoint_group");
        ObjectNode body = body(req);
        String name = StrictFields.string(body, "name");
        StrictFields.name("name", name);
        String description = Fields.optString(body, "description");
        Map<String, Object> filters = filters(body);
        if (name == null) {
            throw ServiceException.badRequest("'name' is a required property");
        }
        if (filters == null) {
            throw ServiceException.badRequest("'filters' is a required property");
        }
        if (filters.isEmpty()) {
            throw ServiceException.badRequest("filters field is required and cannot be empty");
        }
        requireValidFilters(filters);
        return Links.single(201, "endpoint_group", view(req, groups.create(name, description, filters)));
    }

    private ApiResponse update(ApiRequest req) {
        authz.enforce(req, "update_endpoint_group");
        ObjectNode body = body(req);
        StrictFields.notEmpty(body);
        String name = StrictFields.string(body, "name");
        StrictFields.name("name", name);
        String description = Fields.optString(body, "description");
        Map<String, Object> filters = filters(body);
        if (filters != null) {
            requireValidFilters(filters);
        }
        String id = req.param("endpoint_group_id");
        StrictFields.matchingId(body, id);
        var update = new EndpointGroupService.Update(name, body.has("description"), description, filters);
        return Links.single(200, "endpoint_group", view(req, groups.update(id, update)));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.enforce(req, "delete_endpoint_group");
        groups.delete(req.param("endpoint_group_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse projects(ApiRequest req) {
        authz.enforce(req, "list_projects_associated_with_endpoint_group");
        return Links.collection(req, "projects", groups.projectsOfGroup(req.param("endpoint_group_id")).stream()
                .map(p -> Views.project(req, p)).toList());
    }

    private ApiResponse endpoints(ApiRequest req) {
        authz.enforce(req, "list_endpoints_associated_with_endpoint_group");
        return Links.collection(req, "endpoints", groups.endpointsOf(req.param("endpoint_group_id")).stream()
                .map(e -> Views.endpoint(req, e)).toList());
    }

    private ApiResponse addProject(ApiRequest req) {
        authz.enforce(req, "add_endpoint_group_to_project");
        groups.addGroupToProject(req.param("endpoint_group_id"), req.param("project_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse checkProject(ApiRequest req) {
        authz.enforce(req, "get_endpoint_group_in_project");
        String groupId = req.param("endpoint_group_id");
        String projectId = req.param("project_id");
        groups.requireGroupInProject(groupId, projectId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint_group_id", groupId);
        m.put("project_id", projectId);
        m.put("links", Links.self(req, BASE + "/" + groupId + "/projects/" + projectId));
        return Links.single(200, "project_endpoint_group", m);
    }

    private ApiResponse removeProject(ApiRequest req) {
        authz.enforce(req, "remove_endpoint_group_from_project");
        groups.removeGroupFromProject(req.param("endpoint_group_id"), req.param("project_id"));
        return ApiResponse.noContent();
    }

    private ApiResponse groupsOfProject(ApiRequest req) {
        authz.enforce(req, "list_endpoint_groups_for_project");
        return Links.collection(req, "endpoint_groups", groups.groupsOfProject(req.param("project_id")).stream()
                .map(g -> view(req, g)).toList());
    }

    static Map<String, Object> view(ApiRequest req, EndpointGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("description", g.description());
        m.put("filters", g.filters());
        m.put("links", Links.self(req, BASE + "/" + g.id()));
        return m;
    }

    /** The "endpoint_group" object; Keystone treats a missing one as empty (so: required-field errors). */
    private static ObjectNode body(ApiRequest req) {
        ObjectNode g = Fields.optObject(req.json(), "endpoint_group");
        return g == null ? Json.object() : g;
    }

    /** "filters": an object (not null); its values are compared with the endpoints' as given. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> filters(ObjectNode body) {
        JsonNode n = body.get("filters");
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Fields.typeError("filters", n, "object");
        }
        return new LinkedHashMap<>(Json.MAPPER.convertValue(n, Map.class));
    }

    private static void requireValidFilters(Map<String, Object> filters) {
        if (!Set.copyOf(FILTER_KEYS).containsAll(filters.keySet())) {
            throw ServiceException.badRequest("Expecting to find " + String.join(" or ", FILTER_KEYS)
                    + " in endpoint_group. The server could not comply with the request since it is either malformed "
                    + "or otherwise incorrect. The client is assumed to be in error.");
        }
    }
}
