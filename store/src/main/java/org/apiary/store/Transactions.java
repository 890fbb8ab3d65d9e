package org.apiary.store;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's transactions. Writes queue on the database's writer lock (SQLite) and are run
 * again from the start when they failed transiently: SQLite busy/locked, PostgreSQL serialization
 * failure, deadlock or lock timeout, MariaDB deadlock or lock wait timeout, or a {@link Retry}
 * thrown by the work itself (a value it chose was taken by a concurrent writer). When the attempts
 * run out the service's own conflict error is thrown, so clients get a 409, never a 500.
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** Thrown inside a transaction to have it rolled back and run again from the start. */
    public static class Retry extends RuntimeException {
        public Retry(String why) {
            super(why, null, false, false);
        }
    }

    private final Database db;
    private final Jdbi jdbi;
    private final int attempts;
    private final Supplier<? extends RuntimeException> exhausted;

    /**
     * @param attempts  how often a write is tried before giving up
     * @param exhausted the service's conflict error for a write that kept conflicting
     */
    public Transactions(Database db, int attempts, Supplier<? extends RuntimeException> exhausted) {
        this.db = db;
        this.jdbi = db.jdbi();
        this.attempts = attempts;
        this.exhausted = exhausted;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public <T> T read(Function<Handle, T> work) {
        return jdbi.withHandle(work::apply);
    }

    public <T> T write(Function<Handle, T> work) {
        if (!WriteTimings.ENABLED) {
            return attempt(work);
        }
        String kind = WriteTimings.kind();
        long[] held = new long[2]; // attempts, nanoseconds holding the writer
        long start = System.nanoTime();
        try {
            return attempt(h -> {
                held[0]++;
                return work.apply(h);
            }, held);
        } finally {
            WriteTimings.record(kind, System.nanoTime() - start - held[1], held[1], (int) Math.max(1, held[0]));
        }
    }

    private <T> T attempt(Function<Handle, T> work) {
        return attempt(work, null);
    }

    /** Runs the work until it commits; adds the time spent holding the writer to {@code held[1]} when given. */
    private <T> T attempt(Function<Handle, T> work, long[] held) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.serializingWrites(() -> {
                    long t0 = held == null ? 0 : System.nanoTime();
                    try {
                        return db.writerJdbi().inTransaction(work::apply);
                    } finally {
                        if (held != null) {
                            held[1] += System.nanoTime() - t0;
                        }
                    }
                });
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempt >= attempts) {
                    LOG.warn("giving up after {} attempts: {}", attempt, e.toString());
                    throw exhausted.get();
                }
                LOG.debug("retrying write transaction (attempt {}): {}", attempt, e.toString());
                try {
                    // Random back-off, growing with the attempt, so that colliding writers spread out.
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 3L * attempt + 2));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw exhausted.get();
                }
            }
        }
    }

    /** A failure that running the same transaction again may not hit. */
    public static boolean isTransient(Throwable e) {
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
    public static void insertOrRetry(Runnable insert, String what) {
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
    public static void insertOrFail(Runnable insert, Supplier<? extends RuntimeException> conflict) {
        try {
            insert.run();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw conflict.get();
            }
            throw e;
        }
    }
}
