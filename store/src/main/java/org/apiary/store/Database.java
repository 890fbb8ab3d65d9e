package org.apiary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and JDBI handle for one database. Each service migrates its own tables
 * with its own Flyway history table, so services can be split onto separate databases later.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The JDBI attribute that tells a handle's SQL which engine it talks to (see {@link #dialect(Handle)}). */
    private static final String DIALECT = "apiary.dialect";

    private final DatabaseUrl url;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** SQLite only: the one connection writers use, so a writer never waits for the readers' pool. */
    private final HikariDataSource writerSource;
    private final Jdbi writerJdbi;
    private final SqliteWriter sqliteWriter;

    public Database(DatabaseUrl url, int maxPoolSize, int busyTimeoutMs) {
        this.url = url;
        this.dataSource = new HikariDataSource(config(url, "apiary-db", maxPoolSize, busyTimeoutMs));
        this.jdbi = Jdbi.create(dataSource).define(DIALECT, url.dialect());
        if (url.dialect() == Dialect.SQLITE) {
            // SQLite has one writer at a time anyway; a connection of its own means the writer holding
            // the write lock never queues behind readers for a pooled connection.
            this.writerSource = new HikariDataSource(config(url, "apiary-db-writer", 1, busyTimeoutMs));
            this.writerJdbi = Jdbi.create(writerSource).define(DIALECT, url.dialect());
            this.sqliteWriter = new SqliteWriter();
        } else {
            this.writerSource = null;
            this.writerJdbi = jdbi;
            this.sqliteWriter = null;
        }
    }

    private static HikariConfig config(DatabaseUrl url, String name, int maxPoolSize, int busyTimeoutMs) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        c.setPoolName(name);
        c.setMaximumPoolSize(maxPoolSize);
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(-1); // start even when the database is down; /healthcheck reports it
        if (url.user() != null) {
            c.setUsername(url.user());
        }
        if (url.password() != null) {
            c.setPassword(url.password());
        }
        if (url.dialect() == Dialect.SQLITE) {
            // WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so
            // read-modify-write transactions queue instead of failing with SQLITE_BUSY.
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("busy_timeout", String.valueOf(busyTimeoutMs));
            c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            c.addDataSourceProperty("foreign_keys", "true");
            c.addDataSourceProperty("synchronous", "NORMAL");
        }
        return c;
    }

    public static Database open(String connection, int maxPoolSize, int busyTimeoutMs) {
        return new Database(DatabaseUrl.parse(connection), maxPoolSize, busyTimeoutMs);
    }

    public Dialect dialect() {
        return url.dialect();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The engine behind a handle of one of our databases, for the few statements that differ. */
    public static Dialect dialect(Handle h) {
        return (Dialect) h.getConfig(SqlStatements.class).getAttribute(DIALECT);
    }

    /**
     * Whether UPDATE … RETURNING works: SQLite (3.35+) and PostgreSQL have it; MariaDB has
     * RETURNING only on INSERT, REPLACE and DELETE, so there (and on a handle of unknown origin)
     * the caller reads the row back.
     */
    public static boolean updateReturning(Handle h) {
        Dialect d = dialect(h);
        return d == Dialect.SQLITE || d == Dialect.POSTGRESQL;
    }

    /** Where write transactions run: a connection of their own on SQLite, the shared pool elsewhere. */
    public Jdbi writerJdbi() {
        return writerJdbi;
    }

    /**
     * Runs one write transaction. SQLite admits one writer at a time and makes the others sleep
     * and poll in its busy handler (1, 2, 5, 10 … ms), so under concurrent writers most of the
     * time goes to sleeping; queueing them in this process, in arrival order, on one writer thread
     * ({@link SqliteWriter}) hands the database over at once. PostgreSQL and MariaDB lock rows
     * themselves: there this only runs the work, on the caller's thread.
     */
    public <T> T serializingWrites(Supplier<T> work) {
        return sqliteWriter == null ? work.get() : sqliteWriter.run(work);
    }

    /** Applies the migrations under {@code classpath:db/<service>} (and its vendor folder). */
    public int migrate(String service) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .table("flyway_" + service)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/" + service + "/common", "classpath:db/" + service + "/" + dialect().migrationFolder())
                .failOnMissingLocations(false)
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        if (applied > 0) {
            LOG.info("{}: applied {} migration(s)", service, applied);
        }
        return applied;
    }

    /** True when the database answers a trivial query within two seconds. */
    public boolean ping() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** True when {@code e} (or a cause) is a unique or primary key violation on any engine. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                int code = s.getErrorCode();
                String msg = String.valueOf(s.getMessage());
                if ("23505".equals(state) || code == 1062 || code == 2067 || code == 1555
                        || msg.contains("UNIQUE constraint failed") || msg.contains("PRIMARY KEY constraint failed")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (sqliteWriter != null) {
            sqliteWriter.close();
        }
        if (writerSource != null) {
            writerSource.close();
        }
        dataSource.close();
    }
}
