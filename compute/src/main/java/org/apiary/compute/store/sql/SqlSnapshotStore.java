package org.apiary.compute.store.sql;

import java.util.Optional;
import org.apiary.compute.store.SnapshotStore;
import org.apiary.store.Database;
import org.apiary.store.Transactions;

/** compute_snapshot: the primary key on the server makes a second concurrent snapshot a refused insert. */
public final class SqlSnapshotStore implements SnapshotStore {
    private final Tx tx;

    public SqlSnapshotStore(Database db) {
        this.tx = new Tx(db);
    }

    /** The insert met the primary key: the server has a snapshot running. */
    private static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean begin(String instanceUuid, String imageId, long now) {
        try {
            tx.write(h -> {
                Transactions.insertOrFail(() -> h.createUpdate("INSERT INTO compute_snapshot (instance_uuid, "
                                + "image_id, created_at) VALUES (:i, :img, :c)").bind("i", instanceUuid)
                        .bind("img", imageId).bind("c", now).execute(), AlreadyRunning::new);
                return null;
            });
            return true;
        } catch (AlreadyRunning e) {
            return false;
        }
    }

    @Override
    public Optional<String> imageOf(String instanceUuid) {
        return tx.read(h -> h.createQuery("SELECT image_id FROM compute_snapshot WHERE instance_uuid = :i")
                .bind("i", instanceUuid).mapTo(String.class).findOne());
    }

    @Override
    public void end(String instanceUuid, String imageId) {
        tx.write(h -> h.createUpdate("DELETE FROM compute_snapshot WHERE instance_uuid = :i AND image_id = :img")
                .bind("i", instanceUuid).bind("img", imageId).execute());
    }
}
