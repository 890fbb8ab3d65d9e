package org.apiary.identity.domain;

import java.time.Instant;

/**
 * Keystone's revocation event: a token is revoked when every non-null field matches it and it
 * was issued no later than {@code issuedBefore}.
 */
public record RevocationEvent(String id, String domainId, String projectId, String userId, String roleId,
                              String auditId, String auditChainId, Instant issuedBefore, Instant expiresAt,
                              Instant revokedAt) {}
