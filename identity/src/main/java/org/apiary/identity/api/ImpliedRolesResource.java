package org.apiary.identity.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Role;
import org.apiary.identity.domain.RoleService;

/**
 * Implied roles: /v3/roles/{prior}/implies[/{implied}] and /v3/role_inferences, in Keystone's
 * {"role_inference": {"prior_role": {...}, "implies": ...}} shape. The roles are looked up before
 * policy (a missing one is a 404), as Keystone builds its policy target from them.
 */
public final class ImpliedRolesResource {
    private final RoleService roles;
    private final Authz authz;

    public ImpliedRolesResource(RoleService roles, Authz authz) {
        this.roles = roles;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/roles/{prior_role_id}/implies", this::list);
        // HEAD first: the router falls back to GET for HEAD, and Keystone answers HEAD here with 204.
        routes.add("HEAD", "/v3/roles/{prior_role_id}/implies/{implied_role_id}", this::check);
        routes.add("GET", "/v3/roles/{prior_role_id}/implies/{implied_role_id}", this::get);
        routes.add("PUT", "/v3/roles/{prior_role_id}/implies/{implied_role_id}", this::create);
        routes.add("DELETE", "/v3/roles/{prior_role_id}/implies/{implied_role_id}", this::delete);
        routes.add("GET", "/v3/role_inferences", this::rules);
    }

    private ApiResponse list(ApiRequest req) {
        Role prior = roles.get(req.param("prior_role_id"));
        authz.enforce(req, "list_implied_roles", target(prior, null));
        List<Object> implies = new ArrayList<>();
        for (Role r : roles.impliedBy(prior.id())) {
            implies.add(brief(req, r));
        }
        return ApiResponse.ok(body(req, prior, implies, "/v3/roles/" + prior.id() + "/implies"));
    }

    private ApiResponse check(ApiRequest req) {
        Role prior = roles.get(req.param("prior_role_id"));
        Role implied = roles.get(req.param("implied_role_id"));
        authz.enforce(req, "check_implied_role", target(prior, implied));
        authz.enforce(req, "get_implied_role", target(prior, implied));
        roles.requireImplied(prior.id(), implied.id());
        return ApiResponse.noContent();
    }

    private ApiResponse get(ApiRequest req) {
        Role prior = roles.get(req.param("prior_role_id"));
        Role implied = roles.get(req.param("implied_role_id"));
        authz.enforce(req, "get_implied_role", target(prior, implied));
        roles.requireImplied(prior.id(), implied.id());
        return one(req, prior, implied, 200);
    }

    private ApiResponse create(ApiRequest req) {
        Role prior = roles.get(req.param("prior_role_id"));
        Role implied = roles.get(req.param("implied_role_id"));
        authz.enforce(req, "create_implied_role", target(prior, implied));
        roles.addImplied(prior.id(), implied.id());
        return one(req, prior, implied, 201);
    }

    private ApiResponse delete(ApiRequest req) {
        Role prior = roles.get(req.param("prior_role_id"));
        Role implied = roles.get(req.param("implied_role_id"));
        authz.enforce(req, "delete_implied_role", target(prior, implied));
        roles.removeImplied(prior.id(), implied.id());
        return ApiResponse.noContent();
    }

    private ApiResponse rules(ApiRequest req) {
        authz.enforce(req, "list_role_inference_rules");
        List<Object> out = new ArrayList<>();
        roles.inferenceRules().forEach((prior, implied) -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("prior_role", brief(req, prior));
            rule.put("implies", implied.stream().map(r -> brief(req, r)).toList());
            out.add(rule);
        });
        return ApiResponse.ok(Map.of("role_inferences", out));
    }

    private static ApiResponse one(ApiRequest req, Role prior, Role implied, int status) {
        return ApiResponse.json(status, body(req, prior, brief(req, implied),
                "/v3/roles/" + prior.id() + "/implies/" + implied.id()));
    }

    private static Map<String, Object> body(ApiRequest req, Role prior, Object implies, String self) {
        Map<String, Object> inference = new LinkedHashMap<>();
        inference.put("prior_role", brief(req, prior));
        inference.put("implies", implies);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role_inference", inference);
        body.put("links", Links.self(req, self));
        return body;
    }

    /** Keystone's short role form in inference bodies: id, name, links. */
    private static Map<String, Object> brief(ApiRequest req, Role r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("links", Links.self(req, "/v3/roles/" + r.id()));
        m.put("name", r.name());
        return m;
    }

    private static Object[] target(Role prior, Role implied) {
        List<Object> pairs = new ArrayList<>(List.of("target.prior_role.id", prior.id(), "target.prior_role.name",
                prior.name()));
        pairs.add("target.prior_role.domain_id");
        pairs.add(prior.domainId());
        if (implied != null) {
            pairs.addAll(List.of("target.implied_role.id", implied.id(), "target.implied_role.name", implied.name()));
            pairs.add("target.implied_role.domain_id");
            pairs.add(implied.domainId());
        }
        return pairs.toArray();
    }
}
