package org.apiary.compute.store;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Migration;

/** Resizes and, later, migrations (os-migrations). */
public interface MigrationStore {
    Migration create(Migration migration);

    Optional<Migration> find(String uuid);

    /** The newest migration of a server in one of these statuses. */
    Optional<Migration> latest(String instanceUuid, List<String> statuses);

    boolean setStatus(String uuid, String status, long now);

    /** Records where a resize goes once the scheduler chose (dest_compute, dest_node). */
    boolean setDestination(String uuid, String destCompute, String destNode, long now);

    /** All migrations, newest first (instanceUuid null) or one server's. */
    List<Migration> list(String instanceUuid);
}
