package org.apiary.compute.store.sql;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiary.compute.domain.Faults;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs the compute service's transactions: writes queue on the database's writer lock (SQLite)
 * and are retried when they failed transiently (busy, serialization failure, deadlock); when
 * retries run out the client gets a 409, never a 500.
 */
final class Tx {
    private static final int ATTEMPTS = 20;

    private final Database db;
    private final Jdbi jdbi;

    Tx(Database db) {
        this.db = db;
        this.jdbi = db.jdbi();
    }

    <T> T read(Function<Handle, T> work) {
        return jdbi.withHandle(work::apply);
    }

    <T> T write(Function<Handle, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.serializingWrites(() -> jdbi.inTransaction(work::apply));
            } catch (RuntimeException e) {
                if (!isTransient(e) || attempt >= ATTEMPTS) {
                    if (isTransient(e)) {
                        throw Faults.concurrentUpdate();
                    }
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 3L * attempt + 2));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw Faults.concurrentUpdate();
                }
            }
        }
    }

    /** Next internal integer id of a kind, taken inside the caller's transaction. */
    static long nextId(Handle h, String kind) {
        h.createUpdate("UPDATE compute_id_sequence SET next_id = next_id + 1 WHERE name = :n").bind("n", kind).execute();
        return h.createQuery("SELECT next_id - 1 FROM compute_id_sequence WHERE name = :n").bind("n", kind)
                .mapTo(Long.class).one();
    }

    /** Runs an insert of values the client chose; a unique violation becomes {@code conflict}. */
    static void insertOrFail(Runnable insert, Supplier<RuntimeException> conflict) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw conflict.get();
            }
            throw e;
        }
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                String msg = String.valueOf(s.getMessage());
                if ("40001".equals(state) || "40P01".equals(state) || s.getErrorCode() == 1213
                        || msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
                    return true;
                }
            }
        }
        return false;
    }
}
