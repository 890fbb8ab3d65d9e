package org.apiary.network.domain;

/** Who asks, as the domain needs it: the project the resource goes to, and whether policy says admin. */
public record Caller(String projectId, boolean admin) {}
