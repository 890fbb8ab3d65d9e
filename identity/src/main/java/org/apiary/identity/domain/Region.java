package org.apiary.identity.domain;

import java.util.Map;

public record Region(String id, String description, String parentRegionId, Map<String, Object> extra) {
    public Region {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
