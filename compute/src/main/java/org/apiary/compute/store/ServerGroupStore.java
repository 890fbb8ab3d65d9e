package org.apiary.compute.store;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.ServerGroup;

/** Server groups. */
public interface ServerGroupStore {
    /** Inserts unless the project already has {@code maxCount} groups (-1: no limit); empty then. */
    Optional<ServerGroup> create(String uuid, String projectId, String userId, String name, String policy,
                                 Integer maxServerPerHost, long now, int maxCount);

    Optional<ServerGroup> find(String uuid);

    /** All groups (projectId null) or one project's, oldest first. */
    List<ServerGroup> list(String projectId);

    int count(String projectId);

    boolean delete(String uuid);
}
