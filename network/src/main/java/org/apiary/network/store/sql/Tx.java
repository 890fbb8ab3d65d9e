package org.apiary.network.store.sql;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiary.network.domain.Faults;
import org.apiary.store.Database;
import org.apiary.store.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * The network service's transactions (see {@link Transactions}): many attempts, because a value a
 * writer chose (an address, a MAC, a segment id) may be taken by a concurrent one and is then
 * chosen again; Neutron's conflict error when they run out.
 */
final class Tx {
    private static final int ATTEMPTS = 40;

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

    void run(Consumer<Handle> work) {
        write(h -> {
            work.accept(h);
            return null;
        });
    }

    static void insertOrRetry(Runnable insert, String what) {
        Transactions.insertOrRetry(insert, what);
    }

    static void insertOrFail(Runnable insert, Supplier<RuntimeException> conflict) {
        Transactions.insertOrFail(insert, conflict);
    }
}
