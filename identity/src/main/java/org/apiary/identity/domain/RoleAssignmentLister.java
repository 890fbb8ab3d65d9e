package org.apiary.identity.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.domain.Assignment.Type;

/**
 * GET /v3/role_assignments, following keystone.assignment.core.list_role_assignments: either the
 * stored grants matching the filters, or (effective) what they amount to per user and project —
 * group grants handed to each member, inherited grants applied to the projects below, implied
 * roles added and domain-specific roles dropped.
 */
public final class RoleAssignmentLister {
    private static final List<Type> PROJECT_TYPES = List.of(Type.UserProject, Type.GroupProject);
    private static final List<Type> DOMAIN_TYPES = List.of(Type.UserDomain, Type.GroupDomain);
    private static final List<Type> USER_TYPES = List.of(Type.UserProject, Type.UserDomain);
    private static final List<Type> GROUP_TYPES = List.of(Type.GroupProject, Type.GroupDomain);
    private static final List<Type> NON_SYSTEM = List.of(Type.UserProject, Type.GroupProject, Type.UserDomain,
            Type.GroupDomain);

    /**
     * The query filters. {@code system} is the raw scope.system value (only "all" selects system
     * grants); {@code inherited} is null when scope.OS-INHERIT:inherited_to was not given;
     * {@code onlyDomain} keeps rows on that domain or its projects (domain-scoped callers).
     */
    public record Query(String roleId, String userId, String groupId, String system, String domainId, String projectId,
                        boolean includeSubtree, Boolean inherited, boolean effective, boolean includeNames,
                        String onlyDomain) {}

    private final IdentityStores stores;

    public RoleAssignmentLister(IdentityStores stores) {
        this.stores = stores;
    }

    public List<RoleAssignment> list(Query q) {
        validate(q);
        List<String> subtree = q.projectId() != null && q.includeSubtree() ? subtree(q.projectId()) : null;
        List<RoleAssignment> rows = q.effective() ? effective(q, subtree) : direct(q, subtree);
        if (q.onlyDomain() != null) {
            rows = rows.stream().filter(r -> inDomain(r, q.onlyDomain())).toList();
        }
        return q.includeNames() ? new RoleAssignmentNames(stores).apply(rows) : rows;
    }

    /** The project include_subtree is asked for (also its policy target); 404 when missing. */
    public Project project(String projectId) {
        return stores.projects().get(projectId).filter(p -> !p.isDomain())
                .orElseThrow(() -> ServiceException.notFound("Could not find project: " + projectId + "."));
    }

    private static void validate(Query q) {
        if (present(q.domainId()) && present(q.projectId())) {
            throw ServiceException.badRequest("Specify a domain or project, not both");
        }
        if (present(q.domainId()) && present(q.system())) {
            throw ServiceException.badRequest("Specify system or domain, not both");
        }
        if (present(q.projectId()) && present(q.system())) {
            throw ServiceException.badRequest("Specify system or project, not both");
        }
        if (present(q.userId()) && present(q.groupId())) {
            throw ServiceException.badRequest("Specify a user or group, not both");
        }
        if (q.effective() && present(q.groupId())) {
            throw ServiceException.badRequest("Combining effective and group filter will always result in an empty "
                    + "list.");
        }
        if (q.effective() && Boolean.TRUE.equals(q.inherited()) && present(q.domainId())) {
            throw ServiceException.badRequest("Combining effective, domain and inherited filters will always result "
                    + "in an empty list.");
        }
    }

    private List<RoleAssignment> direct(Query q, List<String> subtree) {
        boolean system = "all".equals(q.system());
        List<RoleAssignment> out = new ArrayList<>();
        if (!system) {
            out.addAll(grants(q.roleId(), q.userId(), q.groupId() == null ? null : List.of(q.groupId()), q.domainId(),
                    interest(q.projectId(), subtree), q.inherited()));
        }
        if (system || (q.projectId() == null && q.domainId() == null)) {
            List<String> actors = q.userId() != null ? List.of(q.userId())
                    : q.groupId() != null ? List.of(q.groupId()) : null;
            List<Type> types = q.userId() != null ? List.of(Type.UserSystem)
                    : q.groupId() != null ? List.of(Type.GroupSystem) : List.of(Type.UserSystem, Type.GroupSystem);
            for (Assignment a : stores.assignments().find(q.roleId(), actors, List.of(Assignment.SYSTEM_TARGET), types,
                    null)) {
                out.add(RoleAssignment.of(a));
            }
        }
        return out;
    }

    private List<RoleAssignment> effective(Query q, List<String> subtree) {
        // Validation rejected group filters; a domain has nothing inherited onto itself.
        Boolean inherited = q.domainId() != null ? Boolean.FALSE : q.inherited();
        List<RoleAssignment> refs = new ArrayList<>(forActor(q.userId(), null, q.projectId(), subtree, q.domainId(),
                inherited));
        if (q.userId() != null) {
            List<String> groups = stores.users().groupIdsOf(q.userId());
            if (!groups.isEmpty()) {
                refs.addAll(forActor(null, groups, q.projectId(), subtree, q.domainId(), inherited));
            }
        }
        List<RoleAssignment> expanded = new ArrayList<>();
        for (RoleAssignment r : refs) {
            expanded.addAll(expand(r, q.userId(), q.projectId(), subtree));
        }
        Map<String, Role> roles = new HashMap<>();
        stores.roles().all().forEach(r -> roles.put(r.id(), r));
        List<RoleAssignment> out = new ArrayList<>();
        for (RoleAssignment r : addImplied(expanded)) {
            Role role = roles.get(r.roleId());
            if (role != null && role.domainId() == null && (q.roleId() == null || q.roleId().equals(r.roleId()))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Grants of an actor (or of anyone) that can affect the target, before any expansion. */
    private List<RoleAssignment> forActor(String userId, List<String> groupIds, String projectId, List<String> subtree,
                                          String domainId, Boolean inherited) {
        List<String> interest = interest(projectId, subtree);
        List<RoleAssignment> out = new ArrayList<>();
        if (!Boolean.TRUE.equals(inherited)) {
            out.addAll(grants(null, userId, groupIds, domainId, interest, false));
        }
        if (!Boolean.FALSE.equals(inherited)) {
            if (projectId != null) {
                Project project = project(projectId);
                out.addAll(grants(null, userId, groupIds, project.domainId(), null, true));
                List<String> sources = new ArrayList<>(parents(projectId));
                if (subtree != null && !subtree.isEmpty()) {
                    sources.addAll(interest);
                }
                if (!sources.isEmpty()) {
                    out.addAll(grants(null, userId, groupIds, null, sources, true));
                }
            } else {
                out.addAll(grants(null, userId, groupIds, null, null, true));
            }
        }
        return out;
    }

    /** Keystone's driver query: actor and target narrow the grant types; system grants never match. */
    private List<RoleAssignment> grants(String roleId, String userId, List<String> groupIds, String domainId,
                                        List<String> projectIds, Boolean inherited) {
        List<Type> actorTypes = userId != null ? USER_TYPES : groupIds != null ? GROUP_TYPES : List.of();
        List<Type> targetTypes = projectIds != null ? PROJECT_TYPES : domainId != null ? DOMAIN_TYPES : List.of();
        Collection<Type> types;
        if (!actorTypes.isEmpty() && !targetTypes.isEmpty()) {
            types = actorTypes.stream().filter(targetTypes::contains).toList();
        } else if (!actorTypes.isEmpty() || !targetTypes.isEmpty()) {
            types = actorTypes.isEmpty() ? targetTypes : actorTypes;
        } else {
            types = NON_SYSTEM;
        }
        List<String> targets = projectIds != null ? projectIds : domainId != null ? List.of(domainId) : null;
        List<String> actors = groupIds != null ? groupIds : userId != null ? List.of(userId) : null;
        return stores.assignments().find(roleId, actors, targets, types, inherited).stream()
                .map(RoleAssignment::of).toList();
    }

    /** Group rows become member rows; inherited rows become rows on each project they reach. */
    private List<RoleAssignment> expand(RoleAssignment r, String userId, String projectId, List<String> subtree) {
        List<RoleAssignment> actors = r.groupId() == null ? List.of(r) : members(r, userId);
        if (!r.inherited()) {
            return actors;
        }
        List<String> projects;
        if (projectId != null) {
            projects = new ArrayList<>(List.of(projectId));
            if (subtree != null && !subtree.isEmpty()) {
                projects.addAll(subtree);
                if (r.projectId() != null && projects.contains(r.projectId())) {
                    projects = subtree(r.projectId());
                }
            }
        } else if (r.domainId() != null) {
            projects = stores.projects().list(false, r.domainId(), null, null, null).stream().map(Project::id).toList();
        } else {
            projects = subtree(r.projectId());
        }
        List<RoleAssignment> out = new ArrayList<>();
        for (RoleAssignment a : actors) {
            for (String p : projects) {
                out.add(a.onProject(p));
            }
        }
        return out;
    }

    private List<RoleAssignment> members(RoleAssignment r, String userId) {
        List<String> ids = userId != null ? List.of(userId) : stores.users().userIdsIn(r.groupId());
        return ids.stream().map(r::forMember).toList();
    }

    /** Adds a row per implied role, recording the prior role; walks cycles at most once. */
    private List<RoleAssignment> addImplied(List<RoleAssignment> rows) {
        Map<String, List<String>> implied = new HashMap<>();
        for (String[] pair : stores.roles().impliedPairs()) {
            implied.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
        }
        List<RoleAssignment> out = new ArrayList<>(rows);
        Deque<RoleAssignment> todo = new ArrayDeque<>(rows);
        Set<RoleAssignment> checked = new HashSet<>();
        while (!todo.isEmpty()) {
            RoleAssignment next = todo.removeLast();
            checked.add(next);
            for (String id : implied.getOrDefault(next.roleId(), List.of())) {
                RoleAssignment row = next.implying(id);
                if (!checked.contains(row)) {
                    out.add(row);
                    todo.addLast(row);
                }
            }
        }
        return out;
    }

    private boolean inDomain(RoleAssignment r, String domainId) {
        if (domainId.equals(r.domainId())) {
            return true;
        }
        return r.projectId() != null && stores.projects().get(r.projectId())
                .map(p -> domainId.equals(p.domainId())).orElse(false);
    }

    /** Every project below the given one (not itself). */
    private List<String> subtree(String projectId) {
        List<String> out = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(List.of(projectId));
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            for (Project child : stores.projects().children(todo.pop())) {
                if (seen.add(child.id())) {
                    out.add(child.id());
                    todo.add(child.id());
                }
            }
        }
        return out;
    }

    /** The project's ancestors up to (not including) its domain. */
    private List<String> parents(String projectId) {
        List<String> out = new ArrayList<>();
        String parent = stores.projects().get(projectId).map(Project::parentId).orElse(null);
        while (parent != null && !out.contains(parent)) {
            Project p = stores.projects().get(parent).orElse(null);
            if (p == null || p.isDomain()) {
                break;
            }
            out.add(parent);
            parent = p.parentId();
        }
        return out;
    }

    private static List<String> interest(String projectId, List<String> subtree) {
        if (projectId == null) {
            return null;
        }
        List<String> ids = new ArrayList<>(subtree == null ? List.of() : subtree);
        ids.add(projectId);
        return ids;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
