package org.apiary.identity.domain;

import java.util.Map;

/** A /v3/policies entry: an opaque blob of a given type that Keystone stores for other services. */
public record PolicyBlob(String id, String type, String blob, Map<String, Object> extra) {
    public PolicyBlob {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
