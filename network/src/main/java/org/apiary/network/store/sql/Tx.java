package org.apiary.network.store.sql;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apiary.network.domain.Faults;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the network service's transactions, retrying those that failed transiently (SQLite busy,
 * PostgreSQL serialization failure or deadlock, MariaDB deadlock) or that raised {@link Retry}
 * because a value they had chosen (an address, a MAC, a segment id) was taken by a concurrent
 * writer. When retries run out the client gets a 409, never a 500.
 */
final class Tx {
    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);
    private static final int ATTEMPTS = 40;

    /** Thrown inside a transaction to have it rolled back and run again from the start. */
    static final class Retry extends RuntimeException {
        Retry(String why) {
            super(why, null, false, false);
        }
    }

    private final Jdbi jdbi;

    Tx(Database db) {
        this.jdbi = db.jdbi();
    }

    <T> T read(Function<Handle, T> work) {
        return jdbi.withHandle(work::apply);
    }

    <T> T write(Function<Handle, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work::apply);
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.warn("giving up after {} attempts: {}", attempt, e.toString());
                    throw Faults.concurrentUpdate();
                }
                LOG.debug("retrying write transaction (attempt {}): {}", attempt, e.toString());
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 3L * attempt + 2));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw Faults.concurrentUpdate();
                }
            }
        }
    }

    void run(java.util.function.Consumer<Handle> work) {
        write(h -> {
            work.accept(h);
            return null;
        });
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Retry) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                int code = s.getErrorCode();
                String msg = String.valueOf(s.getMessage());
                if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)
                        || code == 1213 || code == 1205
                        || msg.contains("SQLITE_BUSY") || msg.contains("SQLITE_LOCKED")
                        || msg.contains("database is locked") || msg.contains("database table is locked")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs an insert of a value the caller chose; a unique violation makes the transaction run again. */
    static void insertOrRetry(Runnable insert, String what) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new Retry("concurrent insert of " + what);
            }
            throw e;
        }
    }

    /** Runs an insert of a value the client chose; a unique violation becomes {@code conflict}. */
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

    @FunctionalInterface
    interface Supplier<T> {
        T get();
    }
}
