package org.apiary.placement.store.sql;

import java.util.Optional;
import org.apiary.placement.domain.Failures;
import org.jdbi.v3.core.Handle;

/** Name/uuid → key lookups and get-or-create helpers shared by the SQL stores (inside a transaction). */
final class Refs {
    private Refs() {}

    /** The provider's key and generation, or empty. */
    record ProviderRow(long id, String uuid, long generation, Long parentId, long rootId) {}

    static Optional<ProviderRow> provider(Handle h, String uuid) {
        return h.createQuery("SELECT id, uuid, generation, parent_id, root_id FROM placement_providers WHERE uuid = :u")
                .bind("u", uuid)
                .map((rs, ctx) -> new ProviderRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getLong(4), rs.getLong(5)))
                .findOne();
    }

    static ProviderRow requireProvider(Handle h, String uuid) {
        return provider(h, uuid).orElseThrow(() -> Failures.providerNotFound(uuid));
    }

    static Optional<Long> resourceClassId(Handle h, String name) {
        return h.createQuery("SELECT id FROM placement_resource_classes WHERE name = :n").bind("n", name)
                .mapTo(Long.class).findOne();
    }

    static Optional<Long> traitId(Handle h, String name) {
        return h.createQuery("SELECT id FROM placement_traits WHERE name = :n").bind("n", name)
                .mapTo(Long.class).findOne();
    }

    /**
     * Bumps a provider's generation iff it still is {@code expected}: the compare-and-swap that
     * makes concurrent writers of one provider exclusive. 404 if gone, 409 if it moved on.
     */
    static long bumpGeneration(Handle h, String uuid, long expected, String conflictMessage) {
        int n = h.createUpdate("UPDATE placement_providers SET generation = generation + 1, updated_at = :now "
                        + "WHERE uuid = :u AND generation = :g")
                .bind("now", Ids.now()).bind("u", uuid).bind("g", expected).execute();
        if (n == 0) {
            requireProvider(h, uuid);
            throw Failures.concurrentUpdate(conflictMessage);
        }
        return expected + 1;
    }

    /** Bumps a provider's generation whatever it is (taking its row lock); false if it does not exist. */
    static boolean bumpGeneration(Handle h, long providerId) {
        return h.createUpdate("UPDATE placement_providers SET generation = generation + 1, updated_at = :now "
                + "WHERE id = :id").bind("now", Ids.now()).bind("id", providerId).execute() == 1;
    }

    /** Key of an external project/user id, created on first use. */
    static long external(Handle h, String table, String externalId) {
        Optional<Long> id = h.createQuery("SELECT id FROM " + table + " WHERE external_id = :e")
                .bind("e", externalId).mapTo(Long.class).findOne();
        if (id.isPresent()) {
            return id.get();
        }
        long key = Ids.next();
        Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO " + table + " (id, external_id) VALUES (:id, :e)")
                .bind("id", key).bind("e", externalId).execute(), table + " " + externalId);
        return key;
    }

    static long consumerType(Handle h, String name) {
        Optional<Long> id = h.createQuery("SELECT id FROM placement_consumer_types WHERE name = :n")
                .bind("n", name).mapTo(Long.class).findOne();
        if (id.isPresent()) {
            return id.get();
        }
        long key = Ids.next();
        Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO placement_consumer_types (id, name) VALUES (:id, :n)")
                .bind("id", key).bind("n", name).execute(), "consumer type " + name);
        return key;
    }

    static long aggregate(Handle h, String uuid) {
        Optional<Long> id = h.createQuery("SELECT id FROM placement_aggregates WHERE uuid = :u")
                .bind("u", uuid).mapTo(Long.class).findOne();
        if (id.isPresent()) {
            return id.get();
        }
        long key = Ids.next();
        Tx.insertOrRetry(() -> h.createUpdate("INSERT INTO placement_aggregates (id, uuid) VALUES (:id, :u)")
                .bind("id", key).bind("u", uuid).execute(), "aggregate " + uuid);
        return key;
    }
}
