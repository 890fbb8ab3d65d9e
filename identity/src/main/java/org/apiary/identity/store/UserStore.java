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

    void setPassword(String userId, String hash, Instant expiresAt);

    void delete(String id);

    void addToGroup(String userId, String groupId);

    void removeFromGroup(String userId, String groupId);

    boolean isInGroup(String userId, String groupId);

    List<String> groupIdsOf(String userId);

    List<String> userIdsIn(String groupId);
}
