package org.apiary.identity.domain;

import java.util.Map;

/** A role; {@code domainId} is null for a global role. */
public record Role(String id, String name, String domainId, String description, Map<String, Object> extra,
                   Map<String, Object> options) {
    /** Stored instead of NULL so the (name, domain) unique key covers global roles too. */
    public static final String NULL_DOMAIN = "<<null>>";

    public Role {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
