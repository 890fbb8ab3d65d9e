package org.apiary.store;

import java.util.List;
import org.apiary.common.config.ConfigOption;

/** Options of the [database] section. */
public final class StoreOptions {
    private StoreOptions() {}

    public static final ConfigOption<String> CONNECTION = ConfigOption.string("database", "connection", null,
            "SQLAlchemy-style database URL: sqlite:///path/apiary.db, postgresql://user:password@host/db or "
                    + "mysql+pymysql://user:password@host/db. The all-in-one defaults to sqlite in its data directory.");
    public static final ConfigOption<Integer> MAX_POOL_SIZE = ConfigOption.integer("database", "max_pool_size", 8,
            "Most connections held open to the database.");
    public static final ConfigOption<Integer> BUSY_TIMEOUT_MS = ConfigOption.integer("database", "sqlite_busy_timeout_ms",
            10000, "How long an SQLite writer waits for the write lock before failing, in milliseconds.");

    public static List<ConfigOption<?>> all() {
        return List.of(CONNECTION, MAX_POOL_SIZE, BUSY_TIMEOUT_MS);
    }
}
