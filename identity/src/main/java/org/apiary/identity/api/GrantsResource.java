package org.apiary.identity.api;

import java.util.ArrayList;
import java.util.List;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.AssignmentService;
import org.apiary.identity.domain.AssignmentService.Actor;
import org.apiary.identity.domain.AssignmentService.Grant;
import org.apiary.identity.domain.AssignmentService.Parties;
import org.apiary.identity.domain.AssignmentService.Target;

/**
 * Role grants on projects and domains, for users and groups, plus the OS-INHERIT forms that
 * make a grant apply to the projects below its target:
 * {@code /v3/{projects|domains}/{id}/{users|groups}/{id}/roles[/{role_id}]} and
 * {@code /v3/OS-INHERIT/{domains|projects}/{id}/{users|groups}/{id}/roles/{role_id}/inherited_to_projects}.
 * PUT, GET/HEAD (check) and DELETE answer 204; lists render full roles.
 */
public final class GrantsResource {
    private final AssignmentService grants;
    private final Authz authz;

    public GrantsResource(AssignmentService grants, Authz authz) {
        this.grants = grants;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        for (Target target : List.of(Target.PROJECT, Target.DOMAIN)) {
            for (Actor actor : List.of(Actor.USER, Actor.GROUP)) {
                String base = "/v3/" + segment(target) + "/" + segment(actor);
                register(routes, base + "/roles/{role_id}", target, actor, false);
                routes.add("GET", base + "/roles", req -> list(req, target, actor, false));
                String inherit = "/v3/OS-INHERIT/" + segment(target) + "/" + segment(actor);
                register(routes, inherit + "/roles/{role_id}/inherited_to_projects", target, actor, true);
                if (target == Target.DOMAIN) {
                    routes.add("GET", inherit + "/roles/inherited_to_projects", req -> list(req, target, actor, true));
                }
            }
        }
    }

    private void register(RouteTable routes, String path, Target target, Actor actor, boolean inherited) {
        routes.add("PUT", path, req -> {
            Grant g = grant(req, target, actor, inherited);
            authz.enforce(req, "create_grant", policyTarget(resolve(g, false)));
            grants.grant(g);
            return ApiResponse.noContent();
        });
        routes.add("GET", path, req -> {
            Grant g = grant(req, target, actor, inherited);
            authz.enforce(req, "check_grant", policyTarget(resolve(g, false)));
            grants.check(g);
            return ApiResponse.noContent();
        });
        routes.add("DELETE", path, req -> {
            Grant g = grant(req, target, actor, inherited);
            authz.enforce(req, "revoke_grant", policyTarget(resolve(g, true)));
            grants.revoke(g);
            return ApiResponse.noContent();
        });
    }

    private ApiResponse list(ApiRequest req, Target target, Actor actor, boolean inherited) {
        String actorId = req.param(actorParam(actor));
        String targetId = req.param(targetParam(target));
        authz.enforce(req, "list_grants", policyTarget(grants.resolve(actor, actorId, target, targetId, null, false)));
        return Links.collection(req, "roles", grants.list(actor, actorId, target, targetId, inherited).stream()
                .map(r -> Views.role(req, r)).toList());
    }

    private Parties resolve(Grant g, boolean allowMissingActor) {
        return grants.resolve(g.actor(), g.actorId(), g.target(), g.targetId(), g.roleId(), allowMissingActor);
    }

    private static Grant grant(ApiRequest req, Target target, Actor actor, boolean inherited) {
        return new Grant(actor, req.param(actorParam(actor)), target, req.param(targetParam(target)),
                req.param("role_id"), inherited);
    }

    /** The attributes Keystone's grant rules read (a global role's null domain_id reads "None" in checks). */
    static Object[] policyTarget(Parties p) {
        List<Object> t = new ArrayList<>();
        if (p.role() != null) {
            t.addAll(java.util.Arrays.asList("target.role.id", p.role().id(), "target.role.name", p.role().name(),
                    "target.role.domain_id", p.role().domainId()));
        }
        if (p.user() != null) {
            t.addAll(List.of("target.user.id", p.user().id(), "target.user.domain_id", p.user().domainId()));
        }
        if (p.group() != null) {
            t.addAll(List.of("target.group.id", p.group().id(), "target.group.domain_id", p.group().domainId()));
        }
        if (p.project() != null) {
            t.addAll(List.of("target.project.id", p.project().id(), "target.project.domain_id",
                    p.project().domainId()));
        }
        if (p.domain() != null) {
            t.addAll(List.of("target.domain.id", p.domain().id()));
        }
        return t.toArray();
    }

    private static String segment(Target t) {
        return t == Target.PROJECT ? "projects/{project_id}" : "domains/{domain_id}";
    }

    private static String segment(Actor a) {
        return a == Actor.USER ? "users/{user_id}" : "groups/{group_id}";
    }

    private static String targetParam(Target t) {
        return t == Target.PROJECT ? "project_id" : "domain_id";
    }

    private static String actorParam(Actor a) {
        return a == Actor.USER ? "user_id" : "group_id";
    }
}
