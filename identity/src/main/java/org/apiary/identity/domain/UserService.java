package org.apiary.identity.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;

/**
 * Local users, following Keystone's identity manager: passwords are bcrypt-hashed here and never
 * returned; disabling a user, resetting or changing a password and deleting a user revoke the
 * user's tokens; deleting a user also removes its memberships, grants and credentials.
 */
public final class UserService {
    private static final String AUTH_REQUIRED = "The request you have made requires authentication.";

    /** A user to create; {@code options} values of null are ignored. */
    public record NewUser(String name, String domainId, boolean enabled, String defaultProjectId, String password,
                          Map<String, Object> extra, Map<String, Object> options) {}

    /**
     * A PATCH: null fields are left alone, except that default_project_id and password are set
     * (possibly to null) when their {@code *Set} flag is true. Extra attributes and options are
     * merged; an option given as null is removed.
     */
    public record UserChanges(String name, String domainId, Boolean enabled, boolean defaultProjectIdSet,
                              String defaultProjectId, boolean passwordSet, String password,
                              Map<String, Object> extra, Map<String, Object> options) {}

    private final IdentityStores stores;
    private final Passwords passwords;
    private final RevocationService revocations;
    private final RoleResolver roles;

    public UserService(IdentityStores stores, Passwords passwords, RevocationService revocations, RoleResolver roles) {
        this.stores = stores;
        this.passwords = passwords;
        this.revocations = revocations;
        this.roles = roles;
    }

    public User create(NewUser n) {
        requireDomain(n.domainId());
        requireNotDomain(n.defaultProjectId());
        String hash = n.password() == null ? null : passwords.hash(n.password());
        User u = new User(Ids.hex(), n.name().strip(), n.domainId(), n.enabled(), n.defaultProjectId(), hash, null,
                n.extra(), merge(Map.of(), n.options()));
        stores.users().create(u);
        return u;
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The user, or empty; for building policy targets before the existence check. */
    public Optional<User> find(String id) {
        return stores.users().get(id);
    }

    public List<User> list(UserFilter filter) {
        return stores.users().list(filter.domainId(), filter.name(), filter.enabled()).stream()
                .filter(filter::matches).toList();
    }

    public User update(String id, UserChanges c) {
        User cur = get(id);
        if (c.domainId() != null && !c.domainId().equals(cur.domainId())) {
            throw ServiceException.badRequest("Cannot change Domain ID");
        }
        if (c.defaultProjectIdSet()) {
            requireNotDomain(c.defaultProjectId());
        }
        Map<String, Object> extra = new LinkedHashMap<>(cur.extra());
        if (c.extra() != null) {
            extra.putAll(c.extra());
        }
        String hash = cur.passwordHash();
        if (c.passwordSet()) {
            hash = c.password() == null ? null : passwords.hash(c.password());
        }
        User updated = new User(cur.id(), c.name() == null ? cur.name() : c.name().strip(), cur.domainId(),
                c.enabled() == null ? cur.enabled() : c.enabled(),
                c.defaultProjectIdSet() ? c.defaultProjectId() : cur.defaultProjectId(), hash,
                c.passwordSet() ? null : cur.passwordExpiresAt(), extra, merge(cur.options(), c.options()));
        if (c.passwordSet()) {
            stores.users().updateWithPassword(updated);
        } else {
            stores.users().update(updated);
        }
        boolean disabled = cur.enabled() && !updated.enabled();
        if (disabled || (c.passwordSet() && c.password() != null)) {
            revocations.revokeUser(id);
        } else {
            revocations.identityChanged(); // tokens show the user's name
        }
        return updated;
    }

    /** Deletes the user with its group memberships, role grants, credentials and application credentials. */
    public void delete(String id) {
        get(id);
        stores.users().delete(id);
        stores.assignments().purge(id);
        stores.appCreds().deleteForUser(id);
        stores.credentials().deleteForUser(id);
        revocations.revokeUser(id);
    }

    /**
     * Self-service password change, authenticated by the original password alone (Keystone needs
     * no token here, so that users whose password expired can still change it).
     */
    public void changePassword(String id, String originalPassword, String newPassword) {
        User u = stores.users().get(id).orElseThrow(() -> ServiceException.unauthorized(AUTH_REQUIRED));
        if (u.passwordHash() == null || !passwords.verify(originalPassword, u.passwordHash())) {
            throw ServiceException.unauthorized(AUTH_REQUIRED);
        }
        if (!u.enabled()) {
            throw ServiceException.unauthorized("The account is disabled for user: " + id + ".");
        }
        if (Boolean.TRUE.equals(u.options().get("lock_password"))) {
            throw ServiceException.badRequest("You cannot change your password at this time due to password policy "
                    + "disallowing password changes. Please contact your administrator to reset your password.");
        }
        stores.users().setPassword(id, passwords.hash(newPassword), null);
        revocations.revokeUser(id);
    }

    /** GET /v3/users/{id}/groups. */
    public List<Group> groupsOf(String userId, String name) {
        get(userId);
        return stores.groups().listForUser(userId, name);
    }

    /** GET /v3/users/{id}/projects: projects on which the user effectively holds a role. */
    public List<Project> projectsOf(String userId) {
        get(userId);
        List<Project> out = new ArrayList<>();
        for (String projectId : roles.projectsWithRoles(userId)) {
            stores.projects().get(projectId).filter(p -> !p.isDomain()).ifPresent(out::add);
        }
        return out;
    }

    private void requireDomain(String domainId) {
        if (stores.projects().get(domainId).filter(Project::isDomain).isEmpty()) {
            throw ServiceException.notFound("Could not find domain: " + domainId + ".");
        }
    }

    /** Keystone refuses a domain as default project but accepts an unknown id. */
    private void requireNotDomain(String defaultProjectId) {
        if (defaultProjectId != null && stores.projects().get(defaultProjectId).filter(Project::isDomain).isPresent()) {
            throw ServiceException.badRequest("User's default project ID cannot be a domain ID: " + defaultProjectId);
        }
    }

    private static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(current);
        if (changes != null) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    out.remove(k);
                } else {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    static ServiceException notFound(String userId) {
        return ServiceException.notFound("Could not find user: " + userId + ".");
    }
}
