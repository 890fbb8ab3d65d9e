package org.apiary.compute.domain;

import java.util.ArrayList;
import java.util.List;
import org.apiary.compute.store.MigrationStore;

/** os-migrations: filters and paging as nova/db/main/api.py migration_get_all_by_filters applies them. */
public final class MigrationListing {
    /**
     * Every field is optional. {@code host} matches source or destination and, when given,
     * {@code sourceCompute} is ignored (as Nova's elif). Times are epoch milliseconds compared with
     * updated_at, so a never-updated migration matches neither.
     */
    public record Query(List<String> statuses, String host, String sourceCompute, String instanceUuid,
                        String migrationType, String userId, String projectId, Long changesSince,
                        Long changesBefore, String marker, Integer limit) {}

    private final MigrationStore store;

    public MigrationListing(MigrationStore store) {
        this.store = store;
    }

    /** Newest first (created_at, id descending); after the marker; at most {@code limit}. */
    public List<Migration> list(Query q) {
        List<Migration> matching = new ArrayList<>();
        for (Migration m : store.list(q.instanceUuid())) {
            if (matches(m, q)) {
                matching.add(m);
            }
        }
        int start = 0;
        if (q.marker() != null) {
            // The marker only has to exist, not to match the filters (paginate_query looks it up by uuid).
            Migration marker = store.find(q.marker()).orElseThrow(() -> Faults.markerNotFound(q.marker()));
            start = matching.size();
            for (int i = 0; i < matching.size(); i++) {
                if (newerFirst(matching.get(i), marker) > 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = q.limit() == null ? matching.size() : (int) Math.min(matching.size(), (long) start + q.limit());
        return List.copyOf(matching.subList(Math.min(start, end), end));
    }

    /** Positive when {@code a} sorts after {@code b} in newest-first order. */
    private static int newerFirst(Migration a, Migration b) {
        int c = Long.compare(b.createdAt(), a.createdAt());
        return c != 0 ? c : Long.compare(b.id(), a.id());
    }

    private static boolean matches(Migration m, Query q) {
        if (q.statuses() != null && !q.statuses().contains(m.status())) {
            return false;
        }
        if (q.host() != null) {
            if (!q.host().equals(m.sourceCompute()) && !q.host().equals(m.destCompute())) {
                return false;
            }
        } else if (q.sourceCompute() != null && !q.sourceCompute().equals(m.sourceCompute())) {
            return false;
        }
        if (q.migrationType() != null && !q.migrationType().equals(m.migrationType())) {
            return false;
        }
        if (q.userId() != null && !q.userId().equals(m.userId())) {
            return false;
        }
        if (q.projectId() != null && !q.projectId().equals(m.projectId())) {
            return false;
        }
        if (q.changesSince() != null && (m.updatedAt() == null || m.updatedAt() < q.changesSince())) {
            return false;
        }
        return q.changesBefore() == null || (m.updatedAt() != null && m.updatedAt() <= q.changesBefore());
    }
}
