package org.apiary.identity.domain;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What deleting projects or a domain takes with it across the identity stores (Keystone does this
 * through notifications between its managers): role grants on the projects, their credentials,
 * users' default_project_id pointing at them; for a domain also its users, groups,
 * domain-specific roles and domain grants. Every step is idempotent and runs before the resource
 * rows go, so a delete that fails half way leaves the project or domain in place to be retried.
 */
final class ResourceCleanup {
    private final IdentityStores stores;

    ResourceCleanup(IdentityStores stores) {
        this.stores = stores;
    }

    void projects(Collection<Project> projects) {
        Set<String> ids = projects.stream().map(Project::id).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return;
        }
        for (String id : ids) {
            stores.assignments().purge(id);
        }
        for (Credential c : stores.credentials().list(null, null)) {
            if (c.projectId() != null && ids.contains(c.projectId())) {
                stores.credentials().delete(c.id());
            }
        }
        for (User u : stores.users().list(null, null, null)) {
            if (u.defaultProjectId() != null && ids.contains(u.defaultProjectId())) {
                stores.users().update(new User(u.id(), u.name(), u.domainId(), u.enabled(), null, u.passwordHash(),
                        u.passwordExpiresAt(), u.extra(), u.options()));
            }
        }
    }

    /** Removes everything a domain owns except its projects (see {@link #projects}) and its own row. */
    void domainOwned(String domainId) {
        for (User u : stores.users().list(domainId, null, null)) {
            stores.assignments().purge(u.id());
            stores.credentials().deleteForUser(u.id());
            stores.appCreds().deleteForUser(u.id());
            stores.users().delete(u.id());
        }
        for (Group g : stores.groups().list(domainId, null)) {
            stores.assignments().purge(g.id());
            stores.groups().delete(g.id());
        }
        for (Role r : stores.roles().list(domainId, null)) {
            stores.assignments().purge(r.id());
            stores.roles().delete(r.id());
        }
        stores.assignments().purge(domainId);
    }
}
