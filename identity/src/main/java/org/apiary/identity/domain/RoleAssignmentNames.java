package org.apiary.identity.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fills in the names for include_names: user, group, project and role names with their domains,
 * and the scope domain's name. Users or groups that vanished while still holding grants get empty
 * strings, as in Keystone. Each entity is read once per listing.
 */
final class RoleAssignmentNames {
    private final IdentityStores stores;
    private final Map<String, Optional<User>> users = new HashMap<>();
    private final Map<String, Optional<Group>> groups = new HashMap<>();
    private final Map<String, Optional<Project>> projects = new HashMap<>();
    private final Map<String, Optional<Role>> roles = new HashMap<>();

    RoleAssignmentNames(IdentityStores stores) {
        this.stores = stores;
    }

    List<RoleAssignment> apply(List<RoleAssignment> rows) {
        return rows.stream().map(r -> r.withNames(names(r))).toList();
    }

    private RoleAssignment.Names names(RoleAssignment r) {
        String userName = null, userDomainId = null, userDomainName = null;
        if (r.userId() != null) {
            Optional<User> u = cached(users, r.userId(), id -> stores.users().get(id));
            userName = u.map(User::name).orElse("");
            userDomainId = u.map(User::domainId).orElse("");
            userDomainName = u.map(x -> projectName(x.domainId())).orElse("");
        }
        String groupName = null, groupDomainId = null, groupDomainName = null;
        if (r.groupId() != null) {
            Optional<Group> g = cached(groups, r.groupId(), id -> stores.groups().get(id));
            groupName = g.map(Group::name).orElse("");
            groupDomainId = g.map(Group::domainId).orElse("");
            groupDomainName = g.map(x -> projectName(x.domainId())).orElse("");
        }
        String projectName = null, projectDomainId = null, projectDomainName = null;
        if (r.projectId() != null) {
            Optional<Project> p = project(r.projectId());
            projectName = p.map(Project::name).orElse("");
            projectDomainId = p.map(Project::domainId).orElse("");
            projectDomainName = p.map(x -> projectName(x.domainId())).orElse("");
        }
        String domainName = r.domainId() != null ? projectName(r.domainId()) : null;
        Optional<Role> role = cached(roles, r.roleId(), id -> stores.roles().get(id));
        String roleDomainId = role.map(Role::domainId).orElse(null);
        return new RoleAssignment.Names(userName, userDomainId, userDomainName, groupName, groupDomainId,
                groupDomainName, projectName, projectDomainId, projectDomainName, domainName,
                role.map(Role::name).orElse(""), roleDomainId, roleDomainId == null ? null : projectName(roleDomainId));
    }

    private Optional<Project> project(String id) {
        return cached(projects, id, x -> stores.projects().get(x));
    }

    private String projectName(String id) {
        return project(id).map(Project::name).orElse("");
    }

    private static <T> Optional<T> cached(Map<String, Optional<T>> cache, String id,
                                          Function<String, Optional<T>> load) {
        return cache.computeIfAbsent(id, load);
    }
}
