package org.apiary.compute.domain;

/**
 * A flavor listing: {@code isPublic} null means public and private alike; {@code projectId}, when
 * set, adds the private flavors that project was granted (what a non-admin sees).
 */
public record FlavorQuery(Boolean isPublic, boolean onlyEnabled, String projectId, Integer minMemoryMb,
                          Integer minRootGb, String sortKey, boolean ascending, Integer limit, String marker) {}
