package org.apiary.common.context;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is calling and with which scope, as established by a validated token. Exactly one of
 * project, domain or system scope is set, or none (unscoped).
 */
public record AuthContext(
        String userId,
        String userName,
        String userDomainId,
        String projectId,
        String projectName,
        String projectDomainId,
        String domainId,
        String domainName,
        boolean systemScope,
        Set<String> roles,
        List<String> roleIds,
        Instant expiresAt,
        String auditId,
        String applicationCredentialId) {

    public AuthContext {
        roles = Set.copyOf(roles);
        roleIds = List.copyOf(roleIds);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isUnscoped() {
        return projectId == null && domainId == null && !systemScope;
    }
}
