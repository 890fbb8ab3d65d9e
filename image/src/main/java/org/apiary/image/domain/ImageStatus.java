package org.apiary.image.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Glance's image states and the transitions its domain model allows between them. */
public enum ImageStatus {
    QUEUED, SAVING, ACTIVE, KILLED, DELETED, PENDING_DELETE, DEACTIVATED, UPLOADING, IMPORTING;

    private static final Map<ImageStatus, Set<ImageStatus>> NEXT = Map.of(
            QUEUED, Set.of(SAVING, UPLOADING, IMPORTING, ACTIVE, DELETED),
            SAVING, Set.of(ACTIVE, KILLED, DELETED, QUEUED),
            UPLOADING, Set.of(IMPORTING, QUEUED, DELETED),
            IMPORTING, Set.of(ACTIVE, DELETED, QUEUED),
            ACTIVE, Set.of(PENDING_DELETE, DELETED, DEACTIVATED),
            KILLED, Set.of(DELETED),
            PENDING_DELETE, Set.of(DELETED, ACTIVE),
            DELETED, Set.of(),
            DEACTIVATED, Set.of(ACTIVE, DELETED));

    /** The value in the API and the database: the lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean canBecome(ImageStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The 409 Glance answers for a transition its state machine forbids. */
    public static org.apiary.common.error.ServiceException badTransition(ImageStatus from, ImageStatus to) {
        return org.apiary.common.error.ServiceException.conflict(
                "Image status transition from " + from.wire() + " to " + to.wire() + " is not allowed");
    }
}
