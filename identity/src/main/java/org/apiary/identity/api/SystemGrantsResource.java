package org.apiary.identity.api;

import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.AssignmentService;
import org.apiary.identity.domain.AssignmentService.Actor;
import org.apiary.identity.domain.AssignmentService.Grant;
import org.apiary.identity.domain.AssignmentService.Target;

/**
 * System role grants: {@code /v3/system/{users|groups}/{id}/roles[/{role_id}]}. PUT, GET/HEAD
 * (check) and DELETE answer 204; a domain-specific role cannot be granted on the system (400).
 */
public final class SystemGrantsResource {
    private final AssignmentService grants;
    private final Authz authz;

    public SystemGrantsResource(AssignmentService grants, Authz authz) {
        this.grants = grants;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        register(routes, Actor.USER, "/v3/system/users/{user_id}/roles", "user");
        register(routes, Actor.GROUP, "/v3/system/groups/{group_id}/roles", "group");
    }

    private void register(RouteTable routes, Actor actor, String base, String kind) {
        String param = kind + "_id";
        routes.add("GET", base, req -> {
            String actorId = req.param(param);
            authz.enforce(req, "list_system_grants_for_" + kind, GrantsResource.policyTarget(
                    grants.resolve(actor, actorId, Target.SYSTEM, null, null, false)));
            return Links.collection(req, "roles", grants.list(actor, actorId, Target.SYSTEM, null, false).stream()
                    .map(r -> Views.role(req, r)).toList());
        });
        routes.add("PUT", base + "/{role_id}", req -> {
            Grant g = grant(req, actor, param);
            authz.enforce(req, "create_system_grant_for_" + kind, target(g, false));
            grants.grant(g);
            return ApiResponse.noContent();
        });
        routes.add("GET", base + "/{role_id}", req -> {
            Grant g = grant(req, actor, param);
            authz.enforce(req, "check_system_grant_for_" + kind, target(g, false));
            grants.check(g);
            return ApiResponse.noContent();
        });
        routes.add("DELETE", base + "/{role_id}", req -> {
            Grant g = grant(req, actor, param);
            authz.enforce(req, "revoke_system_grant_for_" + kind, target(g, true));
            grants.revoke(g);
            return ApiResponse.noContent();
        });
    }

    private Object[] target(Grant g, boolean allowMissingActor) {
        return GrantsResource.policyTarget(grants.resolve(g.actor(), g.actorId(), Target.SYSTEM, null, g.roleId(),
                allowMissingActor));
    }

    private static Grant grant(ApiRequest req, Actor actor, String param) {
        return new Grant(actor, req.param(param), Target.SYSTEM, null, req.param("role_id"), false);
    }
}
