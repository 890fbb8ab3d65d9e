package org.apiary.network.domain;

/** The revision-if-match check: {@code If-Match: revision_number=N} must name the current revision. */
public final class Revisions {
    private Revisions() {}

    public static void check(Long expected, long current) {
        if (expected != null && expected != current) {
            throw Faults.revisionMismatch(expected, current);
        }
    }
}
