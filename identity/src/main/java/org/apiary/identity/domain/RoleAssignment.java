package org.apiary.identity.domain;

/**
 * One row of GET /v3/role_assignments, shaped like Keystone's internal assignment dict: an actor
 * (user or group), a scope (project, domain or system), a role, and — for rows derived in
 * effective mode — where it came from ({@link Indirect}: the group, the inheriting project or
 * domain, the prior role). {@code names} is set only when names were asked for.
 */
public record RoleAssignment(String userId, String groupId, String projectId, String domainId, boolean system,
                             String roleId, boolean inherited, Indirect indirect, Names names) {
    public static final Indirect DIRECT = new Indirect(null, null, null, null);

    public record Indirect(String groupId, String projectId, String domainId, String roleId) {}

    /** Names (and owning domains) of the entities a row mentions; empty strings for vanished ones. */
    public record Names(String userName, String userDomainId, String userDomainName,
                        String groupName, String groupDomainId, String groupDomainName,
                        String projectName, String projectDomainId, String projectDomainName,
                        String domainName, String roleName, String roleDomainId, String roleDomainName) {}

    static RoleAssignment of(Assignment a) {
        Assignment.Type t = a.type();
        return new RoleAssignment(t.isUser() ? a.actorId() : null, t.isUser() ? null : a.actorId(),
                t.isProject() ? a.targetId() : null, t.isDomain() ? a.targetId() : null, t.isSystem(),
                a.roleId(), a.inherited(), DIRECT, null);
    }

    /** A group row handed to one member: the group moves into the indirect part. */
    RoleAssignment forMember(String memberId) {
        return new RoleAssignment(memberId, null, projectId, domainId, system, roleId, inherited,
                new Indirect(groupId, indirect.projectId(), indirect.domainId(), indirect.roleId()), names);
    }

    /** An inherited row applied to one project below its target: the target moves into the indirect part. */
    RoleAssignment onProject(String project) {
        Indirect via = new Indirect(indirect.groupId(), projectId != null ? projectId : indirect.projectId(),
                projectId == null ? domainId : indirect.domainId(), indirect.roleId());
        return new RoleAssignment(userId, groupId, project, null, false, roleId, false, via, names);
    }

    /** The row for a role the given row's role implies. */
    RoleAssignment implying(String impliedRoleId) {
        return new RoleAssignment(userId, groupId, projectId, domainId, system, impliedRoleId, inherited,
                new Indirect(indirect.groupId(), indirect.projectId(), indirect.domainId(), roleId), names);
    }

    RoleAssignment withNames(Names n) {
        return new RoleAssignment(userId, groupId, projectId, domainId, system, roleId, inherited, indirect, n);
    }
}
