package org.apiary.identity.domain;

import java.util.Map;

/** A stored credential (ec2, totp, cert...); the blob is kept encrypted at rest. */
public record Credential(String id, String userId, String projectId, String type, String blob,
                         Map<String, Object> extra) {
    public Credential {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
