package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.ProjectDraft;
import org.apiary.identity.domain.ProjectPatch;
import org.apiary.identity.domain.ProjectService;

/** /v3/domains: each handler reads policy → parse/validate → domain call → render. */
public final class DomainsResource {
    /** What Keystone's _validate_id_format accepts: a UUID in its 32-hex-digit form. */
    private static final Pattern UUID_HEX = Pattern.compile("^[0-9a-f]{32}$");
    private static final String[] MODELLED = {"id", "name", "description", "enabled", "tags", "options", "links",
            "domain_id", "parent_id", "is_domain"};

    private final ProjectService projects;
    private final Authz authz;

    public DomainsResource(ProjectService projects, Authz authz) {
        this.projects = projects;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/domains", this::list);
        routes.add("POST", "/v3/domains", this::create);
        routes.add("GET", "/v3/domains/{domain_id}", this::get);
        routes.add("PATCH", "/v3/domains/{domain_id}", this::update);
        routes.add("DELETE", "/v3/domains/{domain_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        authz.enforce(req, "list_domains");
        var found = projects.listDomains(req.queryParam("name").orElse(null),
                ResourceFields.queryBoolean(req, "enabled"));
        return Links.collection(req, "domains", found.stream().map(d -> Views.domain(req, d)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        String id = req.param("domain_id");
        // As Keystone: enforce against the domain when it exists, and only then report that it does not.
        enforce(req, "get_domain", projects.findDomain(id));
        return Links.single(200, "domain", Views.domain(req, projects.getDomain(id)));
    }

    private ApiResponse create(ApiRequest req) {
        authz.enforce(req, "create_domain");
        ObjectNode body = Fields.requireObject(req.json(), "domain");
        String name = ResourceFields.name(body, true);
        String id = explicitId(body);
        Boolean enabled = ResourceFields.strictBoolean(body, "enabled");
        ProjectDraft draft = new ProjectDraft(name, null, null,
                body.has("description") ? Fields.optString(body, "description") : "", enabled == null || enabled,
                ResourceFields.tags(body), ResourceFields.options(body), Extra.of(body, MODELLED));
        return Links.single(201, "domain", Views.domain(req, projects.createDomain(id, draft)));
    }

    private ApiResponse update(ApiRequest req) {
        String id = req.param("domain_id");
        enforce(req, "update_domain", projects.findDomain(id));
        ObjectNode body = Fields.requireObject(req.json(), "domain");
        if (body.isEmpty()) {
            throw ServiceException.badRequest("{} does not have enough properties");
        }
        // A domain's id, domain_id, parent_id and is_domain are fixed; Keystone ignores them in the body.
        ProjectPatch patch = new ProjectPatch(ResourceFields.name(body, false), ResourceFields.nullableDescription(body),
                ResourceFields.strictBoolean(body, "enabled"), ResourceFields.tags(body), ResourceFields.options(body),
                Extra.of(body, MODELLED), null, null, null);
        return Links.single(200, "domain", Views.domain(req, projects.updateDomain(id, patch)));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = req.param("domain_id");
        enforce(req, "delete_domain", projects.findDomain(id));
        projects.deleteDomain(id);
        return ApiResponse.noContent();
    }

    private void enforce(ApiRequest req, String action, Optional<Project> domain) {
        authz.enforce(req, action, "target.domain.id", domain.map(Project::id).orElse(null),
                "target.domain.name", domain.map(Project::name).orElse(null));
    }

    /** Keystone takes a caller-chosen domain id only as "explicit_domain_id", and only in UUID hex form. */
    private static String explicitId(ObjectNode body) {
        JsonNode n = body.get("explicit_domain_id");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || !UUID_HEX.matcher(n.asText()).matches()) {
            throw ServiceException.badRequest("Domain ID does not conform to required UUID format.");
        }
        return n.asText();
    }
}
