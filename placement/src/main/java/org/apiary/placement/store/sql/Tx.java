package org.apiary.placement.store.sql;

import java.util.function.Function;
import org.apiary.placement.domain.Failures;
import org.apiary.store.Database;
import org.apiary.store.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * Placement's transactions (see {@link Transactions}). Each write ends by bumping the change
 * counters, so in-memory snapshots on every node notice it; when retries run out the client gets
 * 409 placement.concurrent_update, never a 500.
 */
final class Tx {
    private static final int ATTEMPTS = 10;

    /** Thrown inside a transaction to have it rolled back and run again from the start. */
    static final class Retry extends Transactions.Retry {
        Retry(String why) {
            super(why);
        }
    }

    private final Transactions transactions;

    Tx(Database db) {
        this.transactions = new Transactions(db, ATTEMPTS, () -> Failures.concurrentUpdate(
                "Another thread concurrently updated the data. Please retry your update"));
    }

    <T> T read(Function<Handle, T> work) {
        return transactions.read(work);
    }

    /** A write that may change what providers are: both change counters move. */
    <T> T write(Function<Handle, T> work) {
        return write(work, "UPDATE placement_change_counter SET counter = counter + 1 WHERE id IN (1, 2)");
    }

    /**
     * A write that changes only allocations (and so usages and provider generations): only the
     * first counter moves, and snapshots reload just usages and generations.
     */
    <T> T writeAllocations(Function<Handle, T> work) {
        return write(work, "UPDATE placement_change_counter SET counter = counter + 1 WHERE id = 1");
    }

    private <T> T write(Function<Handle, T> work, String bumpCounters) {
        return transactions.write(h -> {
            T result = work.apply(h);
            // Last statement on purpose: on PostgreSQL/MariaDB this row lock is held only from
            // here to COMMIT, so unrelated writers barely wait for each other.
            h.createUpdate(bumpCounters).execute();
            return result;
        });
    }

    /** Runs an insert that may lose a race to a concurrent one; the whole transaction is retried. */
    static void insertOrRetry(Runnable insert, String what) {
        Transactions.insertOrRetry(insert, what);
    }
}
