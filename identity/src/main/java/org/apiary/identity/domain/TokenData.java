package org.apiary.identity.domain;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiary.common.context.AuthContext;
import org.apiary.identity.token.TokenPayload;

/**
 * A token after validation: its payload plus the user, scope and roles it stands for right now
 * (Keystone re-derives roles at validation, so a removed grant takes effect at once).
 */
public record TokenData(TokenPayload payload, User user, Project userDomain, Project project, Project projectDomain,
                        Project domain, List<Role> roles, ApplicationCredential appCred) {

    public boolean system() {
        return payload.system() != null;
    }

    public AuthContext toAuthContext() {
        Set<String> roleNames = roles.stream().map(Role::name).collect(Collectors.toSet());
        return new AuthContext(user.id(), user.name(), user.domainId(),
                project == null ? null : project.id(), project == null ? null : project.name(),
                project == null ? null : project.domainId(),
                domain == null ? null : domain.id(), domain == null ? null : domain.name(),
                system(), roleNames, roles.stream().map(Role::id).toList(), payload.expiresAt(), payload.auditId(),
                appCred == null ? null : appCred.id());
    }
}
