package org.apiary.placement.domain;

/** A resource class or trait: a name and when it was last changed (0 for the standard ones). */
public record NamedItem(String name, long lastModified) {}
