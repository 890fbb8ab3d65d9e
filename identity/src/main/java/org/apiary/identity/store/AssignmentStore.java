package org.apiary.identity.store;

import java.util.Collection;
import java.util.List;
import org.apiary.identity.domain.Assignment;

/** Role grants on projects, domains and the system (one table, as Keystone's assignment + system tables). */
public interface AssignmentStore {
    /** Adds the grant; granting twice is not an error. */
    void grant(Assignment a);

    /** Returns false when there was no such grant. */
    boolean revoke(Assignment a);

    boolean exists(Assignment a);

    /** Grants whose actor is one of {@code actorIds} (a user and that user's groups). */
    List<Assignment> forActors(Collection<String> actorIds);

    List<Assignment> forTarget(String targetId);

    List<Assignment> all();

    /**
     * Grants matching every filter given; a null filter matches anything, an empty collection
     * matches nothing.
     */
    List<Assignment> find(String roleId, Collection<String> actorIds, Collection<String> targetIds,
                          Collection<Assignment.Type> types, Boolean inherited);

    /** Removes every grant naming the id as actor, target or role (on delete of that entity). */
    void purge(String id);
}
