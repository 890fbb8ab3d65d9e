package org.apiary.compute.domain;

import java.util.List;

/**
 * A server group: one policy (affinity, anti-affinity, soft-affinity, soft-anti-affinity) and,
 * for anti-affinity, an optional {@code max_server_per_host} rule. Members are servers, which
 * this part of the compute service does not have yet, so the list is always empty.
 */
public record ServerGroup(long id, String uuid, String projectId, String userId, String name, String policy,
                          Integer maxServerPerHost, List<String> members, long createdAt) {
    public ServerGroup {
        members = List.copyOf(members);
    }
}
