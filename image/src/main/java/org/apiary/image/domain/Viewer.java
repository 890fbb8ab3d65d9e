package org.apiary.image.domain;

/**
 * Who looks at images, as Glance's request context sees it: the caller's project (null for a
 * token not scoped to a project) and whether policy's context_is_admin holds.
 */
public record Viewer(String projectId, boolean admin) {}
