package org.apiary.identity.token;

import java.time.Instant;
import java.util.List;

/**
 * What a Fernet token carries, in Keystone's terms. Exactly one of projectId, domainId or system
 * is set for a scoped token; appCredId is set for application-credential tokens (always project
 * scoped). issuedAt comes from the Fernet envelope, not the payload.
 */
public record TokenPayload(String userId, List<String> methods, String projectId, String domainId, String system,
                           Instant expiresAt, List<String> auditIds, String appCredId, Instant issuedAt) {
    public TokenPayload {
        methods = List.copyOf(methods);
        auditIds = List.copyOf(auditIds);
    }

    public String auditId() {
        return auditIds.get(0);
    }

    /** The audit id of the first token in a rescoping chain. */
    public String auditChainId() {
        return auditIds.get(auditIds.size() - 1);
    }
}
