package org.apiary.placement.store.sql;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apiary.placement.domain.Failures;
import org.apiary.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Placement's write transactions. Each one ends by bumping the change counters (so in-memory
 * snapshots on every node notice it) and is retried when the engine reports a transient conflict:
 * SQLite busy/locked, PostgreSQL serialization failure or deadlock, MariaDB deadlock or lock wait
 * timeout, or a {@link Retry} raised by a get-or-create that lost a race. When retries run out the
 * client gets 409 placement.concurrent_update, never a 500.
 */
final class Tx {
    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);
    private static final int ATTEMPTS = 10;

    /** Thrown inside a transaction to have it rolled back and run again from the start. */
    static final class Retry extends RuntimeException {
        Retry(String why) {
            super(why, null, false, false);
        }
    }

    private final Database db;
    private final Jdbi jdbi;

    Tx(Database db) {
        this.db = db;
        this.jdbi = db.jdbi();
    }

    Jdbi jdbi() {
        return jdbi;
    }

    <T> T read(Function<Handle, T> work) {
        return jdbi.withHandle(work::apply);
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
        for (int attempt = 1; ; attempt++) {
            try {
                return db.serializingWrites(() -> jdbi.inTransaction(h -> {
                    T result = work.apply(h);
                    // Last statement on purpose: on PostgreSQL/MariaDB this row lock is held only
                    // from here to COMMIT, so unrelated writers barely wait for each other.
                    h.createUpdate(bumpCounters).execute();
                    return result;
                }));
            } catch (RuntimeException e) {
                if (!(e instanceof Retry) && !isTransient(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.warn("giving up after {} attempts: {}", attempt, e.toString());
                    throw Failures.concurrentUpdate("Another thread concurrently updated the data. "
                            + "Please retry your update");
                }
                LOG.debug("retrying write transaction (attempt {}): {}", attempt, e.toString());
                sleep(attempt);
            }
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw Failures.concurrentUpdate("Interrupted while retrying a conflicting update.");
        }
    }

    /** A failure that running the same transaction again may not hit. */
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

    /** Runs an insert that may lose a race to a concurrent one; the whole transaction is retried. */
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
}
