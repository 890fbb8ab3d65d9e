package org.apiary.identity.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.identity.domain.Project;
import org.apiary.identity.domain.RoleAssignment;
import org.apiary.identity.domain.RoleAssignmentLister;

/**
 * GET /v3/role_assignments with Keystone's filters (user.id, group.id, role.id, scope.project.id,
 * scope.domain.id, scope.system, scope.OS-INHERIT:inherited_to) and flags (effective,
 * include_names, include_subtree). Each row links to the grant API call that made it; rows
 * derived from a group membership also link to that membership.
 */
public final class RoleAssignmentsResource {
    private final RoleAssignmentLister lister;
    private final Authz authz;

    public RoleAssignmentsResource(RoleAssignmentLister lister, Authz authz) {
        this.lister = lister;
        this.authz = authz;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v3/role_assignments", this::list);
    }

    private ApiResponse list(ApiRequest req) {
        AuthContext caller = req.auth();
        String onlyDomain = null;
        boolean subtree = flag(req, "include_subtree");
        if (subtree) {
            String projectId = param(req, "scope.project.id");
            if (projectId != null) {
                Project p = lister.project(projectId);
                authz.enforce(req, "list_role_assignments_for_tree", "target.project.id", p.id(),
                        "target.project.domain_id", p.domainId(), "target.project.parent_id", p.parentId());
            } else {
                authz.enforce(req, "list_role_assignments_for_tree");
                throw ServiceException.badRequest("scope.project.id must be specified if include_subtree is also "
                        + "specified");
            }
        } else {
            // Keystone passes a target only for domain-scoped callers, and then lists only that domain.
            onlyDomain = caller == null ? null : caller.domainId();
            if (onlyDomain != null) {
                authz.enforce(req, "list_role_assignments", "target.domain_id", onlyDomain);
            } else {
                authz.enforce(req, "list_role_assignments");
            }
        }
        Boolean inherited = req.query().containsKey("scope.OS-INHERIT:inherited_to")
                ? "projects".equals(req.queryParam("scope.OS-INHERIT:inherited_to").orElse("")) : null;
        var query = new RoleAssignmentLister.Query(param(req, "role.id"), param(req, "user.id"),
                param(req, "group.id"), param(req, "scope.system"), param(req, "scope.domain.id"),
                param(req, "scope.project.id"), subtree, inherited, flag(req, "effective"), flag(req, "include_names"),
                onlyDomain);
        return Links.collection(req, "role_assignments",
                lister.list(query).stream().map(r -> render(req, r)).toList());
    }

    /** Keystone's _format_entity: scope, actor, role, and the links back to the grant. */
    static Map<String, Object> render(ApiRequest req, RoleAssignment a) {
        RoleAssignment.Names n = a.names();
        RoleAssignment.Indirect via = a.indirect();
        Map<String, Object> links = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> scope = new LinkedHashMap<>();
        StringBuilder link = new StringBuilder();
        boolean inherited = a.inherited();
        if (a.projectId() != null) {
            Map<String, Object> project = idAndName(a.projectId(), n == null ? null : n.projectName());
            if (n != null) {
                project.put("domain", idAndName(n.projectDomainId(), n.projectDomainName()));
            }
            scope.put("project", project);
            if (via.domainId() != null) {
                inherited = true;
                link.append("/domains/").append(via.domainId());
            } else if (via.projectId() != null) {
                inherited = true;
                link.append("/projects/").append(via.projectId());
            } else {
                link.append("/projects/").append(a.projectId());
            }
        } else if (a.domainId() != null) {
            scope.put("domain", idAndName(a.domainId(), n == null ? null : n.domainName()));
            link.append("/domains/").append(a.domainId());
        } else if (a.system()) {
            scope.put("system", Map.of("all", true));
            link.append("/system");
        }
        out.put("scope", scope);
        if (a.userId() != null) {
            Map<String, Object> user = idAndName(a.userId(), n == null ? null : n.userName());
            if (n != null) {
                user.put("domain", idAndName(n.userDomainId(), n.userDomainName()));
            }
            out.put("user", user);
            if (via.groupId() != null) {
                links.put("membership", req.baseUrl() + "/v3/groups/" + via.groupId() + "/users/" + a.userId());
                link.append("/groups/").append(via.groupId());
            } else {
                link.append("/users/").append(a.userId());
            }
        } else if (a.groupId() != null) {
            Map<String, Object> group = idAndName(a.groupId(), n == null ? null : n.groupName());
            if (n != null) {
                group.put("domain", idAndName(n.groupDomainId(), n.groupDomainName()));
            }
            out.put("group", group);
            link.append("/groups/").append(a.groupId());
        }
        Map<String, Object> role = idAndName(a.roleId(), n == null ? null : n.roleName());
        if (n != null && n.roleDomainId() != null) {
            role.put("domain", idAndName(n.roleDomainId(), n.roleDomainName()));
        }
        out.put("role", role);
        String priorRoleLink = null;
        if (via.roleId() != null) {
            link.append("/roles/").append(via.roleId());
            // Keystone names the implied role first in this link; kept for compatibility.
            priorRoleLink = "/prior_role/" + a.roleId() + "/implies/" + via.roleId();
        } else {
            link.append("/roles/").append(a.roleId());
        }
        String assignment = link.toString();
        if (inherited) {
            scope.put("OS-INHERIT:inherited_to", "projects");
            assignment = "/OS-INHERIT" + assignment + "/inherited_to_projects";
        }
        links.put("assignment", req.baseUrl() + "/v3" + assignment);
        if (priorRoleLink != null) {
            links.put("prior_role", req.baseUrl() + "/v3" + priorRoleLink);
        }
        out.put("links", links);
        return out;
    }

    private static Map<String, Object> idAndName(String id, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        if (name != null) {
            m.put("name", name);
        }
        return m;
    }

    /** A filter value; empty counts as absent, as Keystone tests values for truth. */
    private static String param(ApiRequest req, String name) {
        return req.queryParam(name).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** Keystone's query_filter_is_true: present and not "0" (a bare ?effective counts). */
    private static boolean flag(ApiRequest req, String name) {
        return req.query().containsKey(name) && !"0".equals(req.queryParam(name).orElse(""));
    }
}
