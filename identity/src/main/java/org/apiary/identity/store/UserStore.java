package org.apiary.identity.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiary.identity.domain.User;

public interface UserStore {
    void create(User u);

    Optional<User> get(String id);

    Optional<User> findByName(String domainId, String name);

    List<User> list(String domainId, String name, Boolean enabled);

    void update(User u);

    /** Updates every column of {@code update(User)} plus the password hash, in one statement. */
    void updateWithPassword(User u);

    void setPassword(String userId, String hash, Instant expiresAt);

    void delete(String id);

    void addToGroup(String userId, String groupId);

    /** Returns false when the user was not a member. */
    boolean removeFromGroup(String userId, String groupId);

    boolean isInGroup(String userId, String groupId);

    List<String> groupIdsOf(String userId);

    List<String> userIdsIn(String groupId);

    /** The members of a group, ordered by name. */
    List<User> listInGroup(String groupId);
}
