package org.apiary.identity.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out the roles a user effectively holds on a scope: direct grants to the user and to the
 * user's groups, grants inherited from parent projects and from the domain (OS-INHERIT), then the
 * implied-role closure. Domain-specific roles are dropped at the end, as in Keystone: only the
 * global roles they imply reach tokens.
 */
public final class RoleResolver {
    private final IdentityStores stores;

    public RoleResolver(IdentityStores stores) {
        this.stores = stores;
    }

    /** Actor ids for a user: the user and every group it belongs to. */
    public Set<String> actors(String userId) {
        Set<String> actors = new HashSet<>(stores.users().groupIdsOf(userId));
        actors.add(userId);
        return actors;
    }

    public List<Role> onProject(String userId, String projectId) {
        return expand(directOnProject(userId, projectId));
    }

    public List<Role> onDomain(String userId, String domainId) {
        Set<String> ids = new LinkedHashSet<>();
        for (Assignment a : stores.assignments().forActors(actors(userId))) {
            if (a.type().isDomain() && !a.inherited() && a.targetId().equals(domainId)) {
                ids.add(a.roleId());
            }
        }
        return expand(ids);
    }

    public List<Role> onSystem(String userId) {
        Set<String> ids = new LinkedHashSet<>();
        for (Assignment a : stores.assignments().forActors(actors(userId))) {
            if (a.type().isSystem()) {
                ids.add(a.roleId());
            }
        }
        return expand(ids);
    }

    /** Role ids granted on the project directly, inherited from ancestors, or inherited from its domain. */
    Set<String> directOnProject(String userId, String projectId) {
        Project project = stores.projects().get(projectId).orElse(null);
        Set<String> ids = new LinkedHashSet<>();
        if (project == null || project.isDomain()) {
            return ids;
        }
        Set<String> ancestors = new HashSet<>();
        String parent = project.parentId();
        while (parent != null && ancestors.add(parent)) {
            parent = stores.projects().get(parent).map(Project::parentId).orElse(null);
        }
        for (Assignment a : stores.assignments().forActors(actors(userId))) {
            boolean direct = a.type().isProject() && !a.inherited() && a.targetId().equals(projectId);
            boolean fromAncestor = a.type().isProject() && a.inherited() && ancestors.contains(a.targetId());
            boolean fromDomain = a.type().isDomain() && a.inherited() && a.targetId().equals(project.domainId());
            if (direct || fromAncestor || fromDomain) {
                ids.add(a.roleId());
            }
        }
        return ids;
    }

    /** Implied-role closure, returning global roles only. */
    public List<Role> expand(Set<String> roleIds) {
        Map<String, List<String>> implied = new HashMap<>();
        for (String[] pair : stores.roles().impliedPairs()) {
            implied.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roleIds);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(implied.getOrDefault(id, List.of()));
            }
        }
        List<Role> out = new ArrayList<>();
        for (String id : seen) {
            stores.roles().get(id).filter(r -> r.domainId() == null).ifPresent(out::add);
        }
        return out;
    }

    /** Ids of projects on which the user holds at least one effective role. */
    public Set<String> projectsWithRoles(String userId) {
        Set<String> out = new LinkedHashSet<>();
        for (Assignment a : stores.assignments().forActors(actors(userId))) {
            if (a.type().isProject() && !a.inherited()) {
                out.add(a.targetId());
            } else if (a.type().isProject()) {
                addSubtree(a.targetId(), out);
            } else if (a.type().isDomain() && a.inherited()) {
                stores.projects().list(false, a.targetId(), null, null, null).forEach(p -> out.add(p.id()));
            }
        }
        out.removeIf(id -> onProject(userId, id).isEmpty());
        return out;
    }

    /** Ids of domains on which the user holds a (non-inherited) domain role. */
    public Set<String> domainsWithRoles(String userId) {
        Set<String> out = new LinkedHashSet<>();
        for (Assignment a : stores.assignments().forActors(actors(userId))) {
            if (a.type().isDomain() && !a.inherited()) {
                out.add(a.targetId());
            }
        }
        out.removeIf(id -> onDomain(userId, id).isEmpty());
        return out;
    }

    private void addSubtree(String projectId, Set<String> out) {
        for (Project child : stores.projects().children(projectId)) {
            if (out.add(child.id())) {
                addSubtree(child.id(), out);
            }
        }
    }
}
