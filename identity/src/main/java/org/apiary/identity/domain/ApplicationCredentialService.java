package org.apiary.identity.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiary.common.Ids;
import org.apiary.common.context.AuthContext;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.store.ApplicationCredentialStore;

/**
 * Application credentials (keystone/application_credential/core.py and the routes in
 * keystone/api/users.py): a user delegates some of the roles of their current project token to
 * a named secret. The secret is shown once and stored as a bcrypt hash; a token obtained with a
 * restricted application credential cannot create or delete application credentials.
 */
public final class ApplicationCredentialService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VALIDATION_TAIL = " The server could not comply with the request since it is either "
            + "malformed or otherwise incorrect. The client is assumed to be in error.";

    /** A requested role, by id or (global or domain) name. */
    public record RoleRef(String id, String name) {}

    /** A new credential and its secret in clear, which is returned only this once. */
    public record Created(ApplicationCredential credential, String secret) {}

    private final IdentityStores stores;
    private final ApplicationCredentialStore store;
    private final RoleResolver roles;
    private final Passwords passwords;
    private final RevocationService revocations;

    public ApplicationCredentialService(IdentityStores stores, RoleResolver roles, Passwords passwords,
                                        RevocationService revocations) {
        this.stores = stores;
        this.store = stores.appCreds();
        this.roles = roles;
        this.passwords = passwords;
        this.revocations = revocations;
    }

    public Created create(AuthContext caller, String userId, String name, String description, String secret,
                          Instant expiresAt, List<RoleRef> requested, boolean unrestricted) {
        requireUnrestricted(caller);
        if (!userId.equals(caller.userId())) {
            throw ServiceException.forbidden("You are not authorized to perform the requested action: Cannot create "
                    + "an application credential for another user.");
        }
        String projectId = caller.projectId();
        if (projectId == null) {
            // Keystone would store a credential with no project that can never authenticate.
            throw ServiceException.badRequest("Invalid application credential: an application credential can only "
                    + "be created with a project-scoped token");
        }
        List<String> roleIds = requested == null || requested.isEmpty() ? caller.roleIds() : fromToken(caller, requested);
        Set<String> held = roles.onProject(userId, projectId).stream().map(Role::id).collect(Collectors.toSet());
        for (String roleId : roleIds) {
            if (!held.contains(roleId)) {
                throw ServiceException.badRequest("Invalid application credential: Could not find role assignment "
                        + "with role: " + roleId + ", user or group: " + userId + ", project, domain, or system: "
                        + projectId + ".");
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ServiceException.badRequest("The 'expires_at' must not be before now." + VALIDATION_TAIL);
        }
        String clear = secret == null || secret.isEmpty() ? generateSecret() : secret;
        ApplicationCredential a = new ApplicationCredential(Ids.hex(), name, passwords.hash(clear), description, userId,
                projectId, null, expiresAt, unrestricted, roleIds, Instant.now());
        store.create(a);
        return new Created(a, clear);
    }

    public Optional<ApplicationCredential> find(String id) {
        return store.get(id);
    }

    public ApplicationCredential get(String id) {
        return find(id).orElseThrow(() -> ServiceException.notFound("Could not find Application Credential: " + id + "."));
    }

    public List<ApplicationCredential> list(String userId, String name) {
        return store.listForUser(userId).stream().filter(a -> name == null || name.equals(a.name())).toList();
    }

    public void delete(AuthContext caller, String id) {
        requireUnrestricted(caller);
        get(id);
        store.delete(id);
        // Tokens issued for it stop validating; drop cached validations so that happens at once.
        revocations.identityChanged();
    }

    /** The credential's roles as they are now; a role deleted since is left out. */
    public List<Role> roles(ApplicationCredential a) {
        List<Role> out = new ArrayList<>();
        for (String id : a.roleIds()) {
            stores.roles().get(id).ifPresent(out::add);
        }
        return out;
    }

    /** A token from a restricted application credential may not manage application credentials. */
    private void requireUnrestricted(AuthContext caller) {
        if (caller.applicationCredentialId() == null) {
            return;
        }
        boolean unrestricted = store.get(caller.applicationCredentialId())
                .map(ApplicationCredential::unrestricted).orElse(false);
        if (!unrestricted) {
            throw ServiceException.forbidden("You are not authorized to perform the requested action: Using method "
                    + "'application_credential' is not allowed for managing additional application credentials.");
        }
    }

    /** Requested roles, each of which the caller's token must carry (no escalation past the token). */
    private List<String> fromToken(AuthContext caller, List<RoleRef> requested) {
        Set<String> ids = new LinkedHashSet<>();
        for (RoleRef r : requested) {
            String id = r.id() != null ? r.id() : roleIdByName(r.name());
            if (!caller.roleIds().contains(id)) {
                throw ServiceException.badRequest("Invalid application credential: Cannot create an application "
                        + "credential with unassigned role");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private String roleIdByName(String name) {
        List<Role> found = stores.roles().all().stream().filter(r -> r.name().equals(name)).toList();
        if (found.isEmpty()) {
            throw ServiceException.notFound("Role " + name + " is not defined");
        }
        if (found.size() > 1) {
            throw ServiceException.badRequest("There are multiple role entities named '" + name
                    + "'. Please use ID instead of names to resolve the ambiguity.");
        }
        return found.get(0).id();
    }

    /** 64 random bytes, URL-safe base64 without padding, as Keystone generates secrets. */
    static String generateSecret() {
        byte[] b = new byte[64];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
