package org.apiary.image.domain;

import java.time.Instant;

/** A metadata definitions namespace: a named, owned catalog of properties, objects and tags. */
public record MetadefNamespace(String id, String namespace, String displayName, String description,
                               String visibility, boolean isProtected, String owner, Instant createdAt,
                               Instant updatedAt) {}
