package org.apiary.identity.domain;

import java.util.List;

/**
 * Filters of GET /v3/projects; null or empty components are unused. Tag filters follow Keystone:
 * {@code tags} all of, {@code tagsAny} any of, {@code notTags} not all of, {@code notTagsAny} none of.
 */
public record ProjectQuery(boolean domains, String domainId, String parentId, String name, Boolean enabled,
                           List<String> tags, List<String> tagsAny, List<String> notTags, List<String> notTagsAny) {
    public ProjectQuery {
        tags = tags == null ? List.of() : List.copyOf(tags);
        tagsAny = tagsAny == null ? List.of() : List.copyOf(tagsAny);
        notTags = notTags == null ? List.of() : List.copyOf(notTags);
        notTagsAny = notTagsAny == null ? List.of() : List.copyOf(notTagsAny);
    }

    boolean matchesTags(Project p) {
        List<String> have = p.tags();
        return (tags.isEmpty() || have.containsAll(tags))
                && (tagsAny.isEmpty() || tagsAny.stream().anyMatch(have::contains))
                && (notTags.isEmpty() || !have.containsAll(notTags))
                && (notTagsAny.isEmpty() || notTagsAny.stream().noneMatch(have::contains));
    }
}
