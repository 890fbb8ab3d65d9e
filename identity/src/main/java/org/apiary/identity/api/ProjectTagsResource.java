package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.ProjectService;

/** /v3/projects/{project_id}/tags: a project's tags as a set of plain strings. */
public final class ProjectTagsResource {
    private final ProjectService projects;
    private final Authz authz;

    public ProjectTagsResource(ProjectService projects, Authz authz) {
        this.projects = projects;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/projects/{project_id}/tags", this::list);
        routes.add("PUT", "/v3/projects/{project_id}/tags", this::replace);
        routes.add("DELETE", "/v3/projects/{project_id}/tags", this::clear);
        routes.add("GET", "/v3/projects/{project_id}/tags/{tag}", this::check);
        routes.add("PUT", "/v3/projects/{project_id}/tags/{tag}", this::add);
        routes.add("DELETE", "/v3/projects/{project_id}/tags/{tag}", this::remove);
    }

    private void enforce(ApiRequest req, String action) {
        authz.enforce(req, action, ProjectsResource.target(projects.find(req.param("project_id"))));
    }

    private ApiResponse list(ApiRequest req) {
        enforce(req, "list_project_tags");
        return tags(req, projects.tags(req.param("project_id")));
    }

    private ApiResponse replace(ApiRequest req) {
        enforce(req, "update_project_tags");
        ObjectNode body = req.json();
        JsonNode tags = body.get("tags");
        if (tags == null || !tags.isArray()) {
            throw Fields.typeError("tags", tags == null ? body.objectNode() : tags, "array");
        }
        List<String> values = Fields.optStringList(body, "tags");
        return tags(req, projects.replaceTags(req.param("project_id"), values));
    }

    private ApiResponse clear(ApiRequest req) {
        enforce(req, "delete_project_tags");
        projects.replaceTags(req.param("project_id"), List.of());
        return ApiResponse.noContent();
    }

    private ApiResponse check(ApiRequest req) {
        enforce(req, "get_project_tag");
        projects.requireTag(req.param("project_id"), req.param("tag"));
        return ApiResponse.noContent();
    }

    private ApiResponse add(ApiRequest req) {
        enforce(req, "create_project_tag");
        String projectId = req.param("project_id");
        String tag = req.param("tag");
        projects.addTag(projectId, tag);
        return ApiResponse.empty(201).header("Location", req.baseUrl() + "/v3/projects/" + projectId + "/tags/"
                + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private ApiResponse remove(ApiRequest req) {
        enforce(req, "delete_project_tag");
        projects.removeTag(req.param("project_id"), req.param("tag"));
        return ApiResponse.noContent();
    }

    /** {@code {"tags": [...], "links": {"self": <this URL>}}} as Keystone wraps tag lists. */
    private static ApiResponse tags(ApiRequest req, List<String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", Map.of("self", req.baseUrl() + req.path()));
        body.put("tags", new ArrayList<>(tags));
        return ApiResponse.ok(body);
    }
}
