package org.apiary.identity.store;

import java.time.Instant;
import java.util.List;
import org.apiary.identity.domain.RevocationEvent;

public interface RevocationStore {
    void add(RevocationEvent e);

    /** Events revoked after {@code since} (all when null), oldest first. */
    List<RevocationEvent> since(Instant since);

    /** Records that identity data tokens depend on changed; returns the new counter value. */
    long bumpChangeCounter();

    /** The current identity change counter. */
    long changeCounter();

    /** Drops events whose tokens have all expired anyway. */
    int prune(Instant expiredBefore);
}
