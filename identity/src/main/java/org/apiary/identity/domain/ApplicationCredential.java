package org.apiary.identity.domain;

import java.time.Instant;
import java.util.List;

/** A delegated credential: a user's roles on one project, usable by id (or name) and secret. */
public record ApplicationCredential(String id, String name, String secretHash, String description, String userId,
                                    String projectId, String system, Instant expiresAt, boolean unrestricted,
                                    List<String> roleIds, Instant createdAt) {
    public ApplicationCredential {
        roleIds = List.copyOf(roleIds);
    }
}
