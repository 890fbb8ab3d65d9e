package org.apiary.identity.domain;

import java.util.List;
import java.util.Map;

/**
 * A project, or a domain when {@code isDomain}: Keystone keeps both in one table, and a domain's
 * own domain_id is the root sentinel {@link #ROOT_DOMAIN}.
 */
public record Project(String id, String name, String domainId, String parentId, String description,
                      boolean enabled, boolean isDomain, Map<String, Object> extra, List<String> tags) {
    public static final String ROOT_DOMAIN = "<<keystone.domain.root>>";
    public static final String DEFAULT_DOMAIN = "default";

    public Project {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public Project withTags(List<String> newTags) {
        return new Project(id, name, domainId, parentId, description, enabled, isDomain, extra, newTags);
    }
}
