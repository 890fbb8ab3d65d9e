package org.apiary.identity.domain;

import java.time.Instant;
import java.util.Map;

/** A local user. The password hash never leaves the domain layer. */
public record User(String id, String name, String domainId, boolean enabled, String defaultProjectId,
                   String passwordHash, Instant passwordExpiresAt, Map<String, Object> extra,
                   Map<String, Object> options) {
    public User {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
