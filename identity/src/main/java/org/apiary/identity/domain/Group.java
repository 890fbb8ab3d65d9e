package org.apiary.identity.domain;

import java.util.Map;

public record Group(String id, String name, String domainId, String description, Map<String, Object> extra) {
    public Group {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
