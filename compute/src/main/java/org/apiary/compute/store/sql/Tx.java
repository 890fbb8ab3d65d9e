package org.apiary.compute.store.sql;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apiary.compute.domain.Faults;
import org.apiary.store.Database;
import org.apiary.store.Transactions;
import org.jdbi.v3.core.Handle;

/** The compute service's transactions (see {@link Transactions}), with Nova's conflict error when retries run out. */
final class Tx {
    private static final int ATTEMPTS = 20;

    private final Transactions transactions;

    Tx(Database db) {
        this.transactions = new Transactions(db, ATTEMPTS, Faults::concurrentUpdate);
    }

    <T> T read(Function<Handle, T> work) {
        return transactions.read(work);
    }

    <T> T write(Function<Handle, T> work) {
        return transactions.write(work);
    }

    /** Next internal integer id of a kind, taken inside the caller's transaction (one statement where RETURNING works). */
    static long nextId(Handle h, String kind) {
        if (Database.updateReturning(h)) {
            return h.createQuery("UPDATE compute_id_sequence SET next_id = next_id + 1 WHERE name = :n "
                    + "RETURNING next_id - 1").bind("n", kind).mapTo(Long.class).one();
        }
        h.createUpdate("UPDATE compute_id_sequence SET next_id = next_id + 1 WHERE name = :n").bind("n", kind).execute();
        return h.createQuery("SELECT next_id - 1 FROM compute_id_sequence WHERE name = :n").bind("n", kind)
                .mapTo(Long.class).one();
    }

    /** Runs an insert of values the client chose; a unique violation becomes {@code conflict}. */
    static void insertOrFail(Runnable insert, Supplier<RuntimeException> conflict) {
        Transactions.insertOrFail(insert, conflict);
    }
}
