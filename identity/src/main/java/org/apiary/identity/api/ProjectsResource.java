package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.ProjectDraft;
import org.apiary.identity.domain.ProjectPatch;
import org.apiary.identity.domain.ProjectQuery;
import org.apiary.identity.domain.ProjectService;

/** /v3/projects: each handler reads policy → parse/validate → domain call → render. */
public final class ProjectsResource {
    private static final String[] MODELLED = {"id", "name", "description", "enabled", "is_domain", "domain_id",
            "parent_id", "tags", "options", "links"};

    private final ProjectService projects;
    private final Authz authz;

    public ProjectsResource(ProjectService projects, Authz authz) {
        this.projects = projects;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/projects", this::list);
        routes.add("POST", "/v3/projects", this::create);
        routes.add("GET", "/v3/projects/{project_id}", this::get);
        routes.add("PATCH", "/v3/projects/{project_id}", this::update);
        routes.add("DELETE", "/v3/projects/{project_id}", this::delete);
    }

    /** Keystone's project view; a domain seen through this API has is_domain true and no domain_id. */
    static Map<String, Object> view(ApiRequest req, Project p) {
        Map<String, Object> m = Views.project(req, p);
        if (p.isDomain()) {
            m.put("domain_id", null);
            m.put("is_domain", true);
        }
        return m;
    }

    /** The policy target Keystone builds from a project (absent when it does not exist). */
    static Object[] target(Optional<Project> p) {
        return new Object[] {
            "target.project.id", p.map(Project::id).orElse(null),
            "target.project.domain_id", p.filter(x -> !x.isDomain()).map(Project::domainId).orElse(null),
            "target.project.name", p.map(Project::name).orElse(null),
            "target.project.parent_id", p.map(Project::parentId).orElse(null),
        };
    }

    private ApiResponse list(ApiRequest req) {
        AuthContext caller = req.auth();
        String tokenDomain = caller == null ? null : caller.domainId();
        authz.enforce(req, "list_projects", "target.domain_id", tokenDomain);
        Boolean isDomain = ResourceFields.queryBoolean(req, "is_domain");
        ProjectQuery q = new ProjectQuery(Boolean.TRUE.equals(isDomain), req.queryParam("domain_id").orElse(null),
                req.queryParam("parent_id").orElse(null), req.queryParam("name").orElse(null),
                ResourceFields.queryBoolean(req, "enabled"), ResourceFields.queryList(req, "tags"),
                ResourceFields.queryList(req, "tags-any"), ResourceFields.queryList(req, "not-tags"),
                ResourceFields.queryList(req, "not-tags-any"));
        List<Project> found = projects.list(q);
        if (tokenDomain != null) {
            // A domain-scoped caller sees only that domain's projects.
            found = found.stream().filter(p -> !p.isDomain() && tokenDomain.equals(p.domainId())).toList();
        }
        return Links.collection(req, "projects", found.stream().map(p -> view(req, p)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        String id = req.param("project_id");
        authz.enforce(req, "get_project", target(projects.find(id)));
        Project project = projects.get(id);
        boolean parentsList = ResourceFields.flag(req, "parents_as_list");
        boolean parentsIds = ResourceFields.flag(req, "parents_as_ids");
        boolean subtreeList = ResourceFields.flag(req, "subtree_as_list");
        boolean subtreeIds = ResourceFields.flag(req, "subtree_as_ids");
        if (parentsList && parentsIds) {
            throw ServiceException.badRequest("Cannot use parents_as_list and parents_as_ids query params at the same time.");
        }
        if (subtreeList && subtreeIds) {
            throw ServiceException.badRequest("Cannot use subtree_as_list and subtree_as_ids query params at the same time.");
        }
        Map<String, Object> m = view(req, project);
        var tree = projects.hierarchy();
        if (parentsList) {
            m.put("parents", wrapped(req, visible(req, tree.parents(project))));
        } else if (parentsIds) {
            m.put("parents", tree.parentsAsIds(project));
        }
        if (subtreeList) {
            m.put("subtree", wrapped(req, visible(req, tree.subtree(project))));
        } else if (subtreeIds) {
            m.put("subtree", tree.subtreeAsIds(project));
        }
        return Links.single(200, "project", m);
    }

    /** Keystone lists only the parents and subtree members the caller holds a role on. */
    private List<Project> visible(ApiRequest req, List<Project> candidates) {
        return req.auth() == null ? candidates : projects.withRolesFor(req.auth().userId(), candidates);
    }

    private static List<Map<String, Object>> wrapped(ApiRequest req, List<Project> list) {
        return list.stream().map(p -> Map.<String, Object>of("project", view(req, p))).toList();
    }

    private ApiResponse create(ApiRequest req) {
        JsonNode root = req.json();
        // Keystone enforces against the requested project before validating it.
        JsonNode raw = root.get("project");
        authz.enforce(req, "create_project", "target.project.domain_id", text(raw, "domain_id"),
                "target.project.parent_id", text(raw, "parent_id"), "target.project.name", text(raw, "name"));
        ObjectNode body = Fields.requireObject(root, "project");
        String name = ResourceFields.name(body, true);
        String description = body.has("description") ? Fields.optString(body, "description") : "";
        Boolean enabled = ResourceFields.strictBoolean(body, "enabled");
        Boolean isDomain = ResourceFields.strictBoolean(body, "is_domain");
        String domainId = ResourceFields.idString(body, "domain_id");
        String parentId = ResourceFields.idString(body, "parent_id");
        List<String> tags = ResourceFields.tags(body);
        Map<String, Object> options = ResourceFields.options(body);
        Map<String, Object> extra = Extra.of(body, MODELLED);
        boolean on = enabled == null || enabled;
        Project created;
        if (Boolean.TRUE.equals(isDomain)) {
            // Keystone defaults parent_id to the given domain_id; either makes it a non-root, which is refused.
            String parent = parentId != null ? parentId : domainId;
            created = projects.createDomain(null, new ProjectDraft(name, null, parent, description, on, tags, options,
                    extra));
        } else {
            if (domainId == null) {
                // Keystone: the token's domain when domain-scoped, else the default domain.
                AuthContext caller = req.auth();
                domainId = caller != null && caller.domainId() != null ? caller.domainId() : Project.DEFAULT_DOMAIN;
            }
            created = projects.create(new ProjectDraft(name, domainId, parentId, description, on, tags, options, extra));
        }
        return Links.single(201, "project", view(req, created));
    }

    private ApiResponse update(ApiRequest req) {
        String id = req.param("project_id");
        authz.enforce(req, "update_project", target(projects.find(id)));
        ObjectNode body = Fields.requireObject(req.json(), "project");
        if (body.isEmpty()) {
            throw ServiceException.badRequest("{} does not have enough properties");
        }
        JsonNode bodyId = body.get("id");
        if (bodyId != null && !bodyId.isNull() && !(bodyId.isTextual() && bodyId.asText().equals(id))) {
            throw ServiceException.badRequest("Cannot change ID");
        }
        ProjectPatch patch = new ProjectPatch(ResourceFields.name(body, false), ResourceFields.nullableDescription(body),
                ResourceFields.strictBoolean(body, "enabled"), ResourceFields.tags(body), ResourceFields.options(body),
                Extra.of(body, MODELLED), ResourceFields.nullableIdString(body, "domain_id"),
                ResourceFields.nullableIdString(body, "parent_id"), ResourceFields.strictBoolean(body, "is_domain"));
        return Links.single(200, "project", view(req, projects.update(id, patch)));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = req.param("project_id");
        authz.enforce(req, "delete_project", target(projects.find(id)));
        projects.delete(id);
        return ApiResponse.noContent();
    }

    private static String text(JsonNode obj, String field) {
        JsonNode n = obj == null ? null : obj.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
