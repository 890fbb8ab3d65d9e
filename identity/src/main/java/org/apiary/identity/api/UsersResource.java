package org.apiary.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
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
import org.apiary.identity.domain.User;
import org.apiary.identity.domain.UserFilter;
import org.apiary.identity.domain.UserService;

/**
 * /v3/users, its password change and its groups and projects. Like Keystone, policy is checked
 * against the stored user before the existence check, so only callers allowed to see a user learn
 * that it does not exist.
 */
public final class UsersResource {
    /** Attributes the user model keeps itself; everything else is stored in extra and echoed. */
    private static final String[] MODELLED = {"id", "name", "domain_id", "enabled", "default_project_id", "password",
            "options", "federated", "password_expires_at", "links"};

    private final UserService users;
    private final Authz authz;

    public UsersResource(UserService users, Authz authz) {
        this.users = users;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/users", this::list);
        routes.add("POST", "/v3/users", this::create);
        routes.add("GET", "/v3/users/{user_id}", this::get);
        routes.add("PATCH", "/v3/users/{user_id}", this::update);
        routes.add("DELETE", "/v3/users/{user_id}", this::delete);
        // Keystone needs no token here: the original password authenticates, even when expired.
        routes.addPublic("POST", "/v3/users/{user_id}/password", this::changePassword);
        routes.add("GET", "/v3/users/{user_id}/groups", this::groups);
        routes.add("GET", "/v3/users/{user_id}/projects", this::projects);
    }

    private ApiResponse list(ApiRequest req) {
        String tokenDomain = req.auth().domainId();
        authz.enforce(req, "list_users", "target.domain_id", tokenDomain);
        String domainId = req.queryParam("domain_id").orElse(tokenDomain);
        UserFilter filter = new UserFilter(domainId, req.queryParam("name").orElse(null),
                queryBoolean(req, "enabled"), req.queryParam("password_expires_at").orElse(null));
        List<Map<String, Object>> out = users.list(filter).stream()
                .filter(u -> tokenDomain == null || tokenDomain.equals(u.domainId()))
                .map(u -> Views.user(req, u)).toList();
        return Links.collection(req, "users", out);
    }

    private ApiResponse get(ApiRequest req) {
        String id = req.param("user_id");
        enforceOnUser(req, "get_user", id);
        return Links.single(200, "user", Views.user(req, users.get(id)));
    }

    private ApiResponse create(ApiRequest req) {
        JsonNode raw = req.json().get("user");
        authz.enforce(req, "create_user", "target.user.domain_id", raw == null ? null : raw.path("domain_id").textValue(),
                "target.user.name", raw == null ? null : raw.path("name").textValue());
        ObjectNode body = normalizeKeys(Fields.requireObject(req.json(), "user"));
        String name = identityName(body, "name", 255);
        if (name == null) {
            throw ServiceException.badRequest("'name' is a required property");
        }
        String domainId = idString(body, "domain_id", false);
        String defaultProject = idString(body, "default_project_id", true);
        Boolean enabled = strictBoolean(body, "enabled");
        String password = Fields.optString(body, "password");
        Fields.optString(body, "description"); // type check only: Keystone keeps description in extra
        Map<String, Object> options = UserOptions.parse(body);
        federated(body);
        if (domainId == null) {
            AuthContext caller = req.auth();
            domainId = caller.domainId() != null ? caller.domainId() : Project.DEFAULT_DOMAIN;
        }
        User u = users.create(new UserService.NewUser(name, domainId, enabled == null || enabled, defaultProject,
                password, Extra.of(body, MODELLED), options));
        return Links.single(201, "user", Views.user(req, u));
    }

    private ApiResponse update(ApiRequest req) {
        String id = req.param("user_id");
        enforceOnUser(req, "update_user", id);
        users.get(id);
        ObjectNode body = Fields.requireObject(req.json(), "user");
        if (body.isEmpty()) {
            throw ServiceException.badRequest("{} does not have enough properties");
        }
        String name = identityName(body, "name", 255);
        String domainId = idString(body, "domain_id", false);
        String defaultProject = idString(body, "default_project_id", true);
        Boolean enabled = strictBoolean(body, "enabled");
        String password = Fields.optString(body, "password");
        Fields.optString(body, "description"); // type check only: Keystone keeps description in extra
        Map<String, Object> options = UserOptions.parse(body);
        federated(body);
        requireMatchingId(body, id);
        User u = users.update(id, new UserService.UserChanges(name, domainId, enabled,
                body.has("default_project_id"), defaultProject, body.has("password"), password,
                Extra.of(body, MODELLED), options));
        return Links.single(200, "user", Views.user(req, u));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = req.param("user_id");
        enforceOnUser(req, "delete_user", id);
        users.delete(id);
        return ApiResponse.noContent();
    }

    private ApiResponse changePassword(ApiRequest req) {
        ObjectNode body = Fields.requireObject(req.json(), "user");
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("original_password") && !f.equals("password")) {
                throw ServiceException.badRequest("Additional properties are not allowed ('" + f + "' was unexpected)");
            }
        });
        String original = Fields.requireString(body, "original_password");
        String password = Fields.requireString(body, "password");
        users.changePassword(req.param("user_id"), original, password);
        return ApiResponse.noContent();
    }

    private ApiResponse groups(ApiRequest req) {
        String id = req.param("user_id");
        enforceOnUser(req, "list_groups_for_user", id);
        String tokenDomain = req.auth().domainId();
        List<Map<String, Object>> out = users.groupsOf(id, req.queryParam("name").orElse(null)).stream()
                .filter(g -> tokenDomain == null || tokenDomain.equals(g.domainId()))
                .map(g -> {
                    Map<String, Object> m = new LinkedHashMap<>(Views.group(req, g));
                    m.put("membership_expires_at", null); // only federated memberships expire
                    return m;
                }).toList();
        return Links.collection(req, "groups", out);
    }

    private ApiResponse projects(ApiRequest req) {
        String id = req.param("user_id");
        enforceOnUser(req, "list_user_projects", id);
        String domainId = req.queryParam("domain_id").orElse(null);
        String name = req.queryParam("name").orElse(null);
        Boolean enabled = queryBoolean(req, "enabled");
        List<Map<String, Object>> out = users.projectsOf(id).stream()
                .filter(p -> domainId == null || domainId.equals(p.domainId()))
                .filter(p -> name == null || name.equals(p.name()))
                .filter(p -> enabled == null || enabled == p.enabled())
                .map(p -> Views.project(req, p)).toList();
        return Links.collection(req, "projects", out);
    }

    /** Enforces a rule whose check string may name the path's user_id and the stored user. */
    private void enforceOnUser(ApiRequest req, String action, String userId) {
        Optional<User> u = users.find(userId);
        authz.enforce(req, action, "user_id", userId, "target.user.id", u.map(User::id).orElse(null),
                "target.user.domain_id", u.map(User::domainId).orElse(null));
    }

    /** Keystone reads boolean query filters as false for 0, f, false, n, no, off and true otherwise. */
    static Boolean queryBoolean(ApiRequest req, String name) {
        return req.queryParam(name)
                .map(v -> !List.of("0", "f", "false", "n", "no", "off").contains(v.strip().toLowerCase()))
                .orElse(null);
    }

    /** Keystone's identity name: a string of 1..max characters that is not all whitespace; null when absent. */
    static String identityName(ObjectNode body, String field, int max) {
        JsonNode n = body.get(field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw Fields.typeError(field, n, "string");
        }
        Fields.checkLength(field, n.textValue(), 1, max);
        if (n.textValue().isBlank()) {
            throw ServiceException.badRequest("Invalid input for field '" + field + "': " + n + " does not match '[\\S]+'");
        }
        return n.textValue();
    }

    /** Keystone's id_string: 1..64 of [a-zA-Z0-9-]; null when absent (or null and nullable). */
    static String idString(ObjectNode body, String field, boolean nullable) {
        JsonNode n = body.get(field);
        if (n == null || (n.isNull() && nullable)) {
            return null;
        }
        if (!n.isTextual()) {
            throw Fields.typeError(field, n, "string");
        }
        Fields.checkLength(field, n.textValue(), 1, 64);
        if (!n.textValue().matches("[a-zA-Z0-9-]+")) {
            throw ServiceException.badRequest("Invalid input for field '" + field + "': " + n
                    + " does not match '^[a-zA-Z0-9-]+$'");
        }
        return n.textValue();
    }

    /** A boolean that may be absent but not null. */
    static Boolean strictBoolean(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n != null && !n.isBoolean()) {
            throw Fields.typeError(field, n, "boolean");
        }
        return n == null ? null : n.booleanValue();
    }

    /** Keystone refuses a body id that differs from the path's. */
    static void requireMatchingId(ObjectNode body, String id) {
        JsonNode n = body.get("id");
        if (n != null && !n.isNull() && !(n.isTextual() && n.textValue().equals(id))) {
            throw ServiceException.badRequest("Cannot change ID");
        }
    }

    /** Keystone writes creation keys with ':' and '-' as '_' ("domain-id" is domain_id). */
    static ObjectNode normalizeKeys(ObjectNode body) {
        ObjectNode out = body.objectNode();
        body.fields().forEachRemaining(e -> out.set(e.getKey().replace(':', '_').replace('-', '_'), e.getValue()));
        return out;
    }

    /**
     * Federated identities can only name a registered identity provider, and this cloud has none:
     * a non-empty list is refused as Keystone refuses an unknown provider.
     */
    private static void federated(ObjectNode body) {
        JsonNode n = body.get("federated");
        if (n == null) {
            return;
        }
        if (!n.isArray()) {
            throw Fields.typeError("federated", n, "array");
        }
        for (JsonNode item : n) {
            if (!item.isObject()) {
                throw Fields.typeError("federated/0", item, "object");
            }
            String idp = Fields.requireString(item, "idp_id");
            if (!item.has("protocols")) {
                throw ServiceException.badRequest("'protocols' is a required property");
            }
            throw ServiceException.badRequest("Could not find Identity Provider: " + idp);
        }
    }
}
