package org.apiary.image.domain;

import java.time.Instant;

/**
 * An object, property or tag of a namespace. {@code body} is its definition as JSON text
 * (an object's description, required and properties; a property's schema; null for a tag).
 */
public record MetadefItem(String name, String body, Instant createdAt, Instant updatedAt) {
    /** What an item is. */
    public enum Kind { OBJECT, PROPERTY, TAG }
}
