package org.apiary.image.domain;

import java.time.Instant;

/** A namespace applies to a resource type (OS::Glance::Image, OS::Nova::Flavor...), with a property prefix. */
public record MetadefAssociation(String name, String prefix, String propertiesTarget, Instant createdAt,
                                 Instant updatedAt) {}
