package org.apiary.compute.domain;

import java.util.List;
import java.util.UUID;
import org.apiary.compute.store.ServerGroupStore;

/** Server groups (nova/objects/instance_group.py), with the server_groups quota per project. */
public final class ServerGroupService {
    public static final List<String> POLICIES = List.of("anti-affinity", "affinity", "soft-anti-affinity",
            "soft-affinity");

    private final ServerGroupStore store;

    public ServerGroupService(ServerGroupStore store) {
        this.store = store;
    }

    public ServerGroup create(String projectId, String userId, String name, String policy, Integer maxServerPerHost,
                              int limit) {
        return store.create(UUID.randomUUID().toString(), projectId, userId, name, policy, maxServerPerHost,
                System.currentTimeMillis(), limit)
                .orElseThrow(() -> Faults.overQuota("Quota exceeded, too many server groups."));
    }

    public ServerGroup get(String uuid) {
        return store.find(uuid).orElseThrow(() -> Faults.serverGroupNotFound(uuid));
    }

    /** All projects' groups when {@code projectId} is null. */
    public List<ServerGroup> list(String projectId) {
        return store.list(projectId);
    }

    public void delete(String uuid) {
        if (!store.delete(uuid)) {
            throw Faults.serverGroupNotFound(uuid);
        }
    }
}
