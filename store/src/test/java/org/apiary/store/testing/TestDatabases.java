package org.apiary.store.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apiary.common.Ids;
import org.apiary.store.DatabaseUrl;

/**
 * Fresh databases for tests. With {@code -Dapiary.test.postgres=postgresql://user@host:port/db}
 * (bin/test sets it from the PostgreSQL it starts) every test cloud gets its own new database on
 * that server, so the same HTTP tests prove PostgreSQL as well as SQLite.
 */
public final class TestDatabases {
    private TestDatabases() {}

    static String server() {
        String url = System.getProperty("apiary.test.postgres", "");
        return url.isBlank() ? null : url;
    }

    /** A new database URL, or null to let the caller use a temporary SQLite file. */
    public static String fresh() {
        String server = server();
        if (server == null) {
            return null;
        }
        String name = "apiary_t_" + Ids.hex().substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        return server.substring(0, server.lastIndexOf('/') + 1) + name;
    }

    public static void dropIfCreated(String url) {
        String server = server();
        if (server == null || url == null || !url.contains("/apiary_t_")) {
            return;
        }
        execute(server, "DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1));
    }

    private static void execute(String serverUrl, String sql) {
        DatabaseUrl u = DatabaseUrl.parse(serverUrl);
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + DatabaseUrl.redact(serverUrl), e);
        }
    }
}
