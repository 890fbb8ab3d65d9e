package org.apiary.identity.domain;

import java.util.Map;

public record Endpoint(String id, String serviceId, String iface, String url, String regionId, boolean enabled,
                       Map<String, Object> extra) {
    public Endpoint {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
