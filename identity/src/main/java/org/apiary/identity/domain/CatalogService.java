package org.apiary.identity.domain;

import java.util.Map;

/** A catalog service entry ({@code identity}, {@code image}, ...); name and description live in extra. */
public record CatalogService(String id, String type, boolean enabled, Map<String, Object> extra) {
    public CatalogService {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public String name() {
        Object n = extra.get("name");
        return n == null ? "" : n.toString();
    }
}
