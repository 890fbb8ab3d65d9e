package org.apiary.identity.domain;

/** A role granted to a user or group on a project, a domain or the system. */
public record Assignment(Type type, String actorId, String targetId, String roleId, boolean inherited) {
    public static final String SYSTEM_TARGET = "system";

    public enum Type {
        UserProject, GroupProject, UserDomain, GroupDomain, UserSystem, GroupSystem;

        public boolean isUser() {
            return this == UserProject || this == UserDomain || this == UserSystem;
        }

        public boolean isProject() {
            return this == UserProject || this == GroupProject;
        }

        public boolean isDomain() {
            return this == UserDomain || this == GroupDomain;
        }

        public boolean isSystem() {
            return this == UserSystem || this == GroupSystem;
        }
    }
}
