package org.apiary.compute.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apiary.compute.store.sql.SqlActionStore;
import org.apiary.compute.store.sql.SqlServerStore;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The server and action stores against a fresh database per test class: SQLite, or PostgreSQL when
 * -Dapiary.test.postgres is set (bin/test), like the HTTP tests.
 */
abstract class ServerStoreFixture {
    static String url;
    static Database db;
    static SqlServerStore servers;
    static SqlActionStore actions;

    @BeforeAll
    static void open() throws Exception {
        url = TestDatabases.fresh();
        Path dir = Files.createTempDirectory("apiary-server-store");
        db = Database.open(url != null ? url : "sqlite:///" + dir.resolve("t.db"), 4, 10000);
        db.migrate("compute");
        servers = new SqlServerStore(db);
        actions = new SqlActionStore(db);
    }

    @AfterAll
    static void close() {
        db.close();
        TestDatabases.dropIfCreated(url);
    }
}
