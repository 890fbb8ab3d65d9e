package org.apiary.identity.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apiary.common.Ids;
import org.apiary.identity.store.RevocationStore;

/**
 * Keystone-style revocation events, kept in the database so every controller sees them, and
 * mirrored in memory for the validation hot path. {@link #generation()} changes whenever the
 * set of events (or anything else a cached token depends on) changes; the token cache compares
 * it to decide whether a cached validation still holds.
 */
public final class RevocationService {
    private final RevocationStore store;
    private final AtomicLong generation = new AtomicLong();
    private volatile List<RevocationEvent> events = List.of();
    private volatile Instant newestSeen = Instant.EPOCH;
    private volatile long changeCounterSeen;

    public RevocationService(RevocationStore store) {
        this.store = store;
        refresh();
    }

    public long generation() {
        return generation.get();
    }

    /**
     * Something tokens depend on changed (roles, enabled flags): cached validations are stale,
     * here at once and on other controllers at their next {@link #refresh()}.
     */
    public void identityChanged() {
        changeCounterSeen = store.bumpChangeCounter();
        generation.incrementAndGet();
    }

    /** Re-reads events and the change counter; picks up changes made through other controllers. */
    public void refresh() {
        long counter = store.changeCounter();
        if (counter != changeCounterSeen) {
            changeCounterSeen = counter;
            generation.incrementAndGet();
        }
        List<RevocationEvent> all = store.since(null);
        Instant newest = all.isEmpty() ? Instant.EPOCH : all.get(all.size() - 1).revokedAt();
        if (all.size() != events.size() || !newest.equals(newestSeen)) {
            events = List.copyOf(all);
            newestSeen = newest;
            generation.incrementAndGet();
        }
    }

    public void revokeToken(String auditId, Instant tokenExpiresAt) {
        add(null, null, null, null, auditId, null, tokenExpiresAt);
    }

    /** Revokes a whole rescoping chain (Keystone's audit_chain_id). */
    public void revokeAuditChain(String auditChainId, Instant expiresAt) {
        add(null, null, null, null, null, auditChainId, expiresAt);
    }

    public void revokeUser(String userId) {
        add(null, null, userId, null, null, null, null);
    }

    public void revokeProject(String projectId) {
        add(null, projectId, null, null, null, null, null);
    }

    public void revokeDomain(String domainId) {
        add(domainId, null, null, null, null, null, null);
    }

    public void revokeUserOnProject(String userId, String projectId) {
        add(null, projectId, userId, null, null, null, null);
    }

    public void revokeRole(String roleId) {
        add(null, null, null, roleId, null, null, null);
    }

    private void add(String domainId, String projectId, String userId, String roleId, String auditId,
                     String auditChainId, Instant expiresAt) {
        // Keystone keeps whole seconds: a token issued in the same second as the event is revoked.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        store.add(new RevocationEvent(Ids.hex(), domainId, projectId, userId, roleId, auditId, auditChainId, now,
                expiresAt, now));
        refresh();
        generation.incrementAndGet();
    }

    /**
     * True when an event matches the token: every field the event sets equals the token's, and
     * the token was issued no later than the event's issued_before.
     */
    public boolean isRevoked(String userId, String projectId, String domainId, Collection<String> userAndScopeDomains,
                             Collection<String> roleIds, String auditId, String auditChainId, Instant issuedAt) {
        for (RevocationEvent e : events) {
            if (issuedAt.isAfter(e.issuedBefore())) {
                continue;
            }
            if (e.userId() != null && !e.userId().equals(userId)) {
                continue;
            }
            if (e.projectId() != null && !e.projectId().equals(projectId)) {
                continue;
            }
            if (e.domainId() != null && !e.domainId().equals(domainId) && !userAndScopeDomains.contains(e.domainId())) {
                continue;
            }
            if (e.roleId() != null && !roleIds.contains(e.roleId())) {
                continue;
            }
            if (e.auditId() != null && !e.auditId().equals(auditId)) {
                continue;
            }
            if (e.auditChainId() != null && !e.auditChainId().equals(auditChainId)) {
                continue;
            }
            return true;
        }
        return false;
    }

    public List<RevocationEvent> events() {
        return events;
    }
}
