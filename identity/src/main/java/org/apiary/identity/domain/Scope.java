package org.apiary.identity.domain;

/** What a token is scoped to: a project, a domain, the system, or nothing. */
public record Scope(String projectId, String domainId, boolean system) {
    public static final Scope UNSCOPED = new Scope(null, null, false);

    public static Scope project(String id) {
        return new Scope(id, null, false);
    }

    public static Scope domain(String id) {
        return new Scope(null, id, false);
    }

    public static Scope systemAll() {
        return new Scope(null, null, true);
    }

    public boolean isUnscoped() {
        return projectId == null && domainId == null && !system;
    }
}
