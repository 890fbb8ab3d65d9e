package org.apiary.identity.store;

import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.Group;

public interface GroupStore {
    void create(Group g);

    Optional<Group> get(String id);

    List<Group> list(String domainId, String name);

    /** The groups a user belongs to, optionally narrowed to an exact name. */
    List<Group> listForUser(String userId, String name);

    void update(Group g);

    void delete(String id);
}
