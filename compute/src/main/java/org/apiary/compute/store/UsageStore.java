package org.apiary.compute.store;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Server;

/** The servers os-simple-tenant-usage bills: deleted ones included, as Nova's usage window query. */
public interface UsageStore {
    /** Where a marker server sits in the (project_id, uuid) order. */
    record Position(String projectId, String uuid) {}

    /**
     * Servers launched before {@code endMillis} and not terminated by {@code beginMillis} (never
     * launched servers are left out), of one project or all ({@code projectId} null), ordered by
     * project_id then uuid, after {@code after} when set, at most {@code limit}.
     */
    List<Server> activeInWindow(long beginMillis, long endMillis, String projectId, Position after, int limit);

    /** A server's place in that order by uuid, deleted ones included; empty when no such server. */
    Optional<Position> position(String uuid);
}
