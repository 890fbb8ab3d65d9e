package org.apiary.identity.domain;

import java.util.List;
import java.util.Map;

/**
 * Requested changes to a project or domain. A null component was not in the request. Attributes
 * Keystone lets clients set to null are wrapped in {@link Value}, so "set to null" differs from
 * "absent". {@code options} maps option name to value, a null value removing the option.
 */
public record ProjectPatch(String name, Value<String> description, Boolean enabled, List<String> tags,
                           Map<String, Object> options, Map<String, Object> extra, Value<String> domainId,
                           Value<String> parentId, Boolean isDomain) {
    public record Value<T>(T value) {}

    public ProjectPatch {
        extra = extra == null ? Map.of() : extra;
    }

    /** Keystone lets an immutable resource take exactly one change: options.immutable set to false or null. */
    boolean onlyClearsImmutable() {
        boolean nothingElse = name == null && description == null && enabled == null && tags == null && extra.isEmpty()
                && domainId == null && parentId == null && isDomain == null;
        return nothingElse && options != null && options.size() == 1 && options.containsKey(ProjectService.IMMUTABLE)
                && !Boolean.TRUE.equals(options.get(ProjectService.IMMUTABLE));
    }
}
