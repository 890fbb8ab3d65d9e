package org.apiary.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiary.common.Ids;
import org.apiary.common.error.ServiceException;
import org.apiary.identity.token.FernetTokens;
import org.apiary.identity.token.TokenPayload;

/**
 * Issues and validates Fernet tokens. Validation re-derives the user, scope and roles from the
 * database the first time a token is seen, then serves it from a cache; a cached entry is used
 * only while the revocation generation it was computed under is still current, so a revocation
 * or an identity change takes effect on the next request.
 */
public final class TokenService {
    /** A token string with what it stands for. */
    public record Issued(String token, TokenData data) {}

    private record CacheEntry(TokenData data, long generation) {}

    private final IdentityStores stores;
    private final RoleResolver roles;
    private final RevocationService revocations;
    private final FernetTokens fernet;
    private final Duration lifetime;
    private final int cacheSize;
    private final ConcurrentHashMap<String, CacheEntry> cache = new ConcurrentHashMap<>();

    public TokenService(IdentityStores stores, RoleResolver roles, RevocationService revocations, FernetTokens fernet,
                        Duration lifetime, int cacheSize) {
        this.stores = stores;
        this.roles = roles;
        this.revocations = revocations;
        this.fernet = fernet;
        this.lifetime = lifetime;
        this.cacheSize = cacheSize;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Issues a token. {@code parent} is the token being rescoped (its expiry and audit chain
     * carry over, as in Keystone), or null for a fresh authentication.
     */
    public Issued issue(String userId, List<String> methods, Scope scope, TokenPayload parent, String appCredId) {
        Instant now = Instant.now();
        Instant expires = parent != null ? parent.expiresAt() : now.plus(lifetime);
        List<String> audit = new ArrayList<>();
        audit.add(Ids.secret(16));
        if (parent != null) {
            audit.add(parent.auditChainId());
        }
        TokenPayload payload = new TokenPayload(userId, methods, scope.projectId(), scope.domainId(),
                scope.system() ? "all" : null, expires, audit, appCredId, now);
        String token = fernet.seal(payload);
        // Re-open to take the issue time exactly as validation will see it (whole seconds).
        TokenPayload sealed = fernet.open(token);
        // Not cached here: like Keystone, a token issued in the same second as a revocation event
        // that matches it is revoked, and validation must say so on every node alike.
        return new Issued(token, resolve(sealed, true));
    }

    /** Validates a token; throws 404 "Could not find token" when it is invalid for any reason. */
    public TokenData validate(String token) {
        CacheEntry e = cache.get(token);
        if (e != null && e.generation() == revocations.generation() && Instant.now().isBefore(e.data().payload().expiresAt())) {
            return e.data();
        }
        TokenPayload payload;
        try {
            payload = fernet.open(token);
        } catch (IllegalArgumentException ex) {
            throw notFound(token);
        }
        TokenData data = resolve(payload, false);
        remember(token, data);
        return data;
    }

    /** Revokes one token (DELETE /v3/auth/tokens). */
    public void revoke(TokenData data) {
        revocations.revokeToken(data.payload().auditId(), data.payload().expiresAt());
    }

    private void remember(String token, TokenData data) {
        if (cache.size() >= cacheSize) {
            cache.clear(); // crude bound; entries are cheap to rebuild
        }
        cache.put(token, new CacheEntry(data, revocations.generation()));
    }

    private TokenData resolve(TokenPayload p, boolean issuing) {
        long generation = revocations.generation();
        if (!Instant.now().isBefore(p.expiresAt())) {
            throw notFound(null);
        }
        User user = stores.users().get(p.userId()).orElseThrow(() -> notFound(null));
        Project userDomain = stores.projects().get(user.domainId()).orElseThrow(() -> notFound(null));
        if (!user.enabled() || !userDomain.enabled()) {
            throw notFound(null);
        }
        Project project = null;
        Project projectDomain = null;
        Project domain = null;
        List<Role> granted = List.of();
        ApplicationCredential appCred = null;
        if (p.projectId() != null) {
            project = stores.projects().get(p.projectId()).filter(x -> !x.isDomain()).orElseThrow(() -> notFound(null));
            projectDomain = stores.projects().get(project.domainId()).orElseThrow(() -> notFound(null));
            if (!project.enabled() || !projectDomain.enabled()) {
                throw notFound(null);
            }
            granted = roles.onProject(user.id(), project.id());
        } else if (p.domainId() != null) {
            domain = stores.projects().get(p.domainId()).filter(Project::isDomain).orElseThrow(() -> notFound(null));
            if (!domain.enabled()) {
                throw notFound(null);
            }
            granted = roles.onDomain(user.id(), domain.id());
        } else if (p.system() != null) {
            granted = roles.onSystem(user.id());
        }
        if (p.appCredId() != null) {
            appCred = stores.appCreds().get(p.appCredId()).orElseThrow(() -> notFound(null));
            if (appCred.expiresAt() != null && !Instant.now().isBefore(appCred.expiresAt())) {
                throw notFound(null);
            }
            Set<String> delegated = new HashSet<>(appCred.roleIds());
            granted = roles.expand(delegated).stream()
                    .filter(r -> granted(r, roles.onProject(user.id(), p.projectId()))).toList();
        }
        if ((p.projectId() != null || p.domainId() != null || p.system() != null) && granted.isEmpty()) {
            throw notFound(null);
        }
        Set<String> domains = new HashSet<>();
        domains.add(user.domainId());
        if (project != null) {
            domains.add(project.domainId());
        }
        if (!issuing && revocations.isRevoked(user.id(), p.projectId(), p.domainId(), domains,
                granted.stream().map(Role::id).toList(), p.auditId(), p.auditChainId(), p.issuedAt())) {
            throw notFound(null);
        }
        if (generation != revocations.generation()) {
            // Something changed while we looked; the caller's cache entry must not outlive it.
            return resolve(p, issuing);
        }
        return new TokenData(p, user, userDomain, project, projectDomain, domain, granted, appCred);
    }

    private static boolean granted(Role r, List<Role> current) {
        return current.stream().anyMatch(c -> c.id().equals(r.id()));
    }

    private static ServiceException notFound(String token) {
        return ServiceException.notFound("Could not find token" + (token == null ? "." : ": " + abbreviate(token)));
    }

    private static String abbreviate(String token) {
        return token.length() > 16 ? token.substring(0, 16) + "..." : token;
    }
}
