package org.apiary.identity.domain;

import java.util.List;
import java.util.Map;

/**
 * A project or domain to create, as validated by the API layer. {@code parentId} null means "at
 * the top of {@code domainId}"; {@code options} are Keystone resource options ("immutable").
 */
public record ProjectDraft(String name, String domainId, String parentId, String description, boolean enabled,
                           List<String> tags, Map<String, Object> options, Map<String, Object> extra) {
    public ProjectDraft {
        tags = tags == null ? List.of() : List.copyOf(tags);
        options = options == null ? Map.of() : options;
        extra = extra == null ? Map.of() : extra;
    }
}
