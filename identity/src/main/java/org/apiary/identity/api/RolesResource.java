package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Fields;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Role;
import org.apiary.identity.domain.RoleService;

/**
 * /v3/roles. As in Keystone, a role with a domain_id is checked against the *_domain_role rules,
 * and a missing role is enforced as the global rule before the 404 so existence does not leak.
 */
public final class RolesResource {
    private static final String[] MODELLED = {"id", "name", "domain_id", "description", "options", "links"};

    private final RoleService roles;
    private final Authz authz;

    public RolesResource(RoleService roles, Authz authz) {
        this.roles = roles;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/roles", this::list);
        routes.add("POST", "/v3/roles", this::create);
        routes.add("GET", "/v3/roles/{role_id}", this::get);
        routes.add("PATCH", "/v3/roles/{role_id}", this::update);
        routes.add("DELETE", "/v3/roles/{role_id}", this::delete);
    }

    private ApiResponse list(ApiRequest req) {
        String domainId = req.queryParam("domain_id").filter(s -> !s.isEmpty()).orElse(null);
        authz.enforce(req, domainId != null ? "list_domain_roles" : "list_roles");
        String name = req.queryParam("name").orElse(null);
        return Links.collection(req, "roles", roles.list(domainId, name).stream().map(r -> Views.role(req, r)).toList());
    }

    private ApiResponse get(ApiRequest req) {
        Role r = enforceOn(req, "get_role", "get_domain_role");
        return Links.single(200, "role", Views.role(req, r));
    }

    private ApiResponse create(ApiRequest req) {
        ObjectNode root = req.json();
        // Policy first, as Keystone: the rule depends only on whether a domain_id was sent.
        boolean domainRole = root.path("role").path("domain_id").isTextual()
                && !root.path("role").path("domain_id").asText().isEmpty();
        authz.enforce(req, domainRole ? "create_domain_role" : "create_role");
        ObjectNode body = Fields.requireObject(root, "role");
        String domainId = Fields.optString(body, "domain_id");
        String name = name(body);
        if (name == null) {
            throw ServiceException.badRequest("'name' is a required property");
        }
        Role r = roles.create(name, domainId, description(body), options(body), normalized(Extra.of(body, MODELLED)));
        return Links.single(201, "role", Views.role(req, r));
    }

    private ApiResponse update(ApiRequest req) {
        enforceOn(req, "update_role", "update_domain_role");
        ObjectNode body = Fields.requireObject(req.json(), "role");
        if (body.isEmpty()) {
            throw ServiceException.badRequest("{} does not have enough properties");
        }
        String bodyId = Fields.optString(body, "id");
        if (bodyId != null && !bodyId.equals(req.param("role_id"))) {
            throw ServiceException.badRequest("Cannot change ID");
        }
        RoleService.Patch patch = new RoleService.Patch(name(body), body.has("description"), description(body),
                body.has("domain_id"), Fields.optString(body, "domain_id"), options(body),
                Extra.of(body, MODELLED), body.size());
        return Links.single(200, "role", Views.role(req, roles.update(req.param("role_id"), patch)));
    }

    private ApiResponse delete(ApiRequest req) {
        enforceOn(req, "delete_role", "delete_domain_role");
        roles.delete(req.param("role_id"));
        return ApiResponse.noContent();
    }

    /** Enforces the global rule for global or missing roles, the domain rule for domain roles. */
    private Role enforceOn(ApiRequest req, String globalRule, String domainRule) {
        Optional<Role> role = roles.find(req.param("role_id"));
        if (role.isEmpty() || role.get().domainId() == null) {
            authz.enforce(req, globalRule);
            return roles.get(req.param("role_id"));
        }
        Role r = role.get();
        authz.enforce(req, domainRule, "target.role.id", r.id(), "target.role.domain_id", r.domainId(),
                "target.role.name", r.name());
        return r;
    }

    /** Keystone's parameter_types.name: a string of 1-255 characters with a non-blank character. */
    private static String name(ObjectNode body) {
        JsonNode n = body.get("name");
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw Fields.typeError("name", n, "string");
        }
        return Fields.requireName(body, "name", 255);
    }

    /** description is a string when present; null is a type error, as Keystone's schema says. */
    private static String description(ObjectNode body) {
        JsonNode n = body.get("description");
        if (n != null && !n.isTextual()) {
            throw Fields.typeError("description", n, "string");
        }
        return n == null ? null : n.asText();
    }

    /** Only the "immutable" option exists; its value is a boolean, or null to remove it. */
    private static Map<String, Object> options(ObjectNode body) {
        JsonNode n = body.get("options");
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Fields.typeError("options", n, "object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) n::fields) {
            if (!e.getKey().equals(RoleService.IMMUTABLE)) {
                throw ServiceException.badRequest("Invalid input for field 'options': Additional properties are not "
                        + "allowed ('" + e.getKey() + "' was unexpected)");
            }
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isBoolean()) {
                throw Fields.typeError("options/immutable", v, "boolean");
            }
            out.put(e.getKey(), v.isNull() ? null : v.asBoolean());
        }
        return out;
    }

    /** Keystone rewrites ':' and '-' in attribute names to '_' on create. */
    private static Map<String, Object> normalized(Map<String, Object> extra) {
        Map<String, Object> out = new HashMap<>();
        extra.forEach((k, v) -> out.put(k.replace(':', '_').replace('-', '_'), v));
        return out;
    }
}
